import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import type { Diagnosis } from '../../src/core/types.js';
import { fixture, SECRETS, spliceSecrets, TEST_DATA_DIR } from '../helpers.js';

const seedPaste = `${fixture('seed', 'rc1-incoming-mail.log')}${fixture('seed', 'rc1-scopes.txt')}`;
let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', MAX_UPLOAD_MB: '1' });
});
afterAll(async () => {
  await app.close();
});

const post = (body: string | Uint8Array, type: string, path = '/api/diagnose') =>
  fetch(`${app.url}${path}`, { method: 'POST', body, headers: { 'content-type': type } });

describe('the JSON API', () => {
  it('answers GET /healthz', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('diagnoses {"text"} sent as JSON', async () => {
    const res = await post(JSON.stringify({ text: seedPaste }), 'application/json');
    expect(res.status).toBe(200);
    const d = (await res.json()) as Diagnosis;
    expect(d.findings.map((f) => [f.id, f.confidence])).toEqual([['graph-scope-domain-prefix', 'confirmed']]);
    expect(d.input.lines).toBeGreaterThan(30);
  });

  it('streams a text/plain log body, and a gzip one', async () => {
    for (const [body, type] of [
      [seedPaste, 'text/plain'],
      [gzipSync(seedPaste), 'application/gzip'],
    ] as const) {
      const d = (await (await post(body, type)).json()) as Diagnosis;
      expect(d.findings[0]?.id).toBe('graph-scope-domain-prefix');
    }
  });

  it('renders for people with ?format=text and ?format=markdown', async () => {
    const text = await (await post(seedPaste, 'text/plain', '/api/diagnose?format=text')).text();
    expect(text).toContain('Mail.ReadWrite offline_access');
    const md = await post(seedPaste, 'text/plain', '/api/diagnose?format=markdown');
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(await md.text()).toMatch(/^## /);
  });

  it('never returns a pasted secret', async () => {
    const body = await (await post(JSON.stringify({ text: spliceSecrets(seedPaste) }), 'application/json')).text();
    for (const secret of Object.values(SECRETS)) expect(body).not.toContain(secret);
    expect((JSON.parse(body) as Diagnosis).secrets.length).toBeGreaterThan(3);
  });

  it('refuses malformed JSON with 400 and a clear message that does not quote the body', async () => {
    const res = await post(`{"text": ${SECRETS.password}`, 'application/json');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toMatch(/not valid JSON/);
    expect(error).not.toContain(SECRETS.password.slice(0, 6));
  });

  it.each([
    ['no text field', { log: 'x' }],
    ['text of the wrong type', { text: 42 }],
    ['an array', [1, 2]],
  ])('refuses %s with 400', async (_name, body) => {
    const res = await post(JSON.stringify(body), 'application/json');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/"text"/);
  });

  it('refuses a body over the limit with 413 and a JSON error, for JSON and for streamed text', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const json = await post(JSON.stringify({ text: big }), 'application/json');
    expect(json.status).toBe(413);
    expect(((await json.json()) as { error: string }).error).toMatch(/larger than the limit of 1 MB/);
    const plain = await post(big, 'text/plain');
    expect(plain.status).toBe(413);
  });

  it('refuses a streamed body that grows past the limit without announcing its length', async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(64 * 1024)));
        controller.close();
      },
    });
    const res = await fetch(`${app.url}/api/diagnose`, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'text/plain' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers binary uploads with a note, not an error', async () => {
    const d = (await (
      await post(Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]), 'application/octet-stream')
    ).json()) as Diagnosis;
    expect(d.input.binary).toBe(true);
    expect(d.notes[0]).toMatch(/binary/);
  });

  it('says 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/diagnose`)).status).toBe(405);
  });
});

describe('the markdown rendering', () => {
  it('keeps scope names exact inside code spans and escapes the rest', async () => {
    const res = await post(`${seedPaste}`, 'text/plain', '/api/diagnose?format=markdown');
    const md = await res.text();
    expect(md).toContain('`Mail.ReadWrite offline_access`');
    expect(md).not.toContain('offline\\_access`');
    const nothing = await (await post('hello', 'text/plain', '/api/diagnose?format=markdown')).text();
    expect(nothing).toContain('\\<jira-home\\>');
  });
});

describe('limits that hold for packed and large bodies', () => {
  it('caps what a small gzip body unpacks to at MAX_UPLOAD_MB', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a\n'));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const d = (await (await post(bomb, 'application/gzip')).json()) as Diagnosis;
    expect(d.input.truncated).toBe(true);
    expect(d.input.bytes).toBeLessThanOrEqual(1024 * 1024);
  });
});
