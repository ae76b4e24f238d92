import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { diagnose } from '../../src/core/index.js';
import { CSP, playgroundFrontDoor } from '../../src/playground/index.js';
import { type PlaygroundAnswer, playgroundAnswer } from '../../src/playground/preview.js';
import { TEST_DATA_DIR, testContext } from '../helpers.js';
import { outlookToken, seed } from './helpers.js';

const LOG = seed('rc1-incoming-mail.log');
const SCOPES = seed('rc1-scopes.txt');

let app: RunningApp;
let logged = '';

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

beforeAll(async () => {
  // Capture everything the server logs, at the most verbose level, to prove no paste reaches the log.
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'trace' }, pino({ level: 'trace' }, sink));
});

afterAll(async () => {
  await app.close();
});

const answerOf = async (res: Response) => (await res.json()) as PlaygroundAnswer;
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

const postJson = (body: unknown) =>
  fetch(`${app.url}/api/preview`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** What the page sends for a file: the paste box's UTF-8 bytes first, then the file. */
const postFile = (file: Buffer | string, paste = '', headers: Record<string, string> = {}) => {
  const text = Buffer.from(paste);
  return fetch(`${app.url}/api/preview`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-paste-bytes': String(text.length), ...headers },
    body: Buffer.concat([text, Buffer.from(file)]),
  });
};

describe('GET / (the playground page)', () => {
  it('serves one self-contained page with a CSP that allows only its own script and style', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<script src="/playground/app.js" defer></script>');
    // No inline script or style, and nothing fetched from another host (it must work offline).
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('labels every control on the page', async () => {
    const html = await (await fetch(`${app.url}/`)).text();
    const ids = [...html.matchAll(/<(?:textarea|input|select)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'paste',
      'file',
      'probe-protocol',
      'probe-grant',
      'probe-tenant',
      'probe-client',
      'probe-mailbox',
      'probe-secret',
      'probe-refresh',
    ]);
    for (const id of ids) expect(html).toContain(`<label for="${id}">`);
  });

  it('serves its script and stylesheet with their own types and nosniff', async () => {
    const js = await fetch(`${app.url}/playground/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toContain('/api/preview');
    const css = await fetch(`${app.url}/playground/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain(':focus-visible');
  });

  it('answers HEAD / with the headers and no body', async () => {
    const res = await fetch(`${app.url}/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toBe('');
  });

  it('answers an unknown path with a JSON 404, not the page', async () => {
    const res = await fetch(`${app.url}/playground/nothing.js`);
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatch(/Not found/);
  });
});

describe('POST /api/preview', () => {
  it('diagnoses the seed log with its scopes and returns the summary and both chat previews', async () => {
    const res = await postJson({ text: `${LOG}\n${SCOPES}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await answerOf(res);
    expect(body.diagnosis.findings[0]?.id).toBe('graph-scope-domain-prefix');
    expect(body.diagnosis.findings[0]?.confidence).toBe('confirmed');
    expect(body.summary.facts.map((f: { label: string }) => f.label)).toEqual(['Handler', 'Protocol', 'Cloud']);
    expect(body.summary.facts[1]?.value).toBe('Microsoft Graph API');
    expect(body.summary.secretWarning).toBeNull();
    expect(body.secretLines).toEqual([]);
    if (!body.slack.available || !body.teams.available) throw new Error('both chat previews should be available');
    expect(body.slack.message.blocks.length).toBeGreaterThan(2);
    expect(JSON.stringify(body.slack.message.blocks)).toContain('Graph address in front of its scopes');
    expect(body.teams.message.card.type).toBe('AdaptiveCard');
    expect(JSON.stringify(body.teams.message.card)).toContain('Graph address in front of its scopes');
  });

  it('names the sovereign-cloud cause and JSDSERVER-14090 for the second seed case', async () => {
    const body = await answerOf(await postJson({ text: `${seed('rc2-graph-error.log')}\n${seed('rc2-scopes.txt')}` }));
    const top = body.diagnosis.findings[0];
    expect(top?.id).toBe('sovereign-graph-endpoint-hardcoded');
    expect(top?.links.map((l: { url: string }) => l.url)).toContain(
      'https://jira.atlassian.com/browse/JSDSERVER-14090',
    );
  });

  it('never returns or logs a pasted token, nor the paste itself, only the lines that held secrets', async () => {
    const token = outlookToken();
    const text = `${LOG}\nAuthorization: Bearer ${token}`;
    const res = await postJson({ text });
    const raw = await res.text();
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(token.split('.')[1]);
    const body = JSON.parse(raw);
    expect(body.summary.secretWarning).toMatch(/rotate/);
    // Pasted into this page, not a chat: there is no message to delete.
    expect(body.summary.secretWarning).not.toMatch(/posted in a chat|delete the message/);
    expect(body.diagnosis.secrets.length).toBeGreaterThan(0);
    expect(body.diagnosis.facts.token.aud).toBe('https://outlook.office.com');
    expect(body.secretLines).toEqual([text.split('\n').length]);
    expect(raw).not.toContain('Authorization: Bearer');
    // Only what the answer quotes comes back: a stack frame no finding quotes does not.
    expect(raw).not.toContain('io.atlassian.fugue.Either$Left.fold');
    expect(logged).toContain('/api/preview');
    expect(logged).not.toContain(token.slice(0, 40));
    expect(logged).not.toContain('MailPullerWorkerException');
  });

  it('streams a file upload and reads the paste box after it', async () => {
    const body = await answerOf(await postFile(seed('rc2-graph-error.log'), seed('rc2-scopes.txt')));
    expect(body.diagnosis.findings[0]?.id).toBe('sovereign-graph-endpoint-hardcoded');
    expect(body.diagnosis.facts.scopes).toEqual(['Mail.ReadWrite', 'offline_access']);
  });

  it('unpacks a gzip upload before adding the paste box, keeping the file line numbers', async () => {
    const plain = await answerOf(await postFile(LOG));
    const both = await answerOf(await postFile(gzipSync(LOG), SCOPES));
    expect(plain.diagnosis.findings[0]?.confidence).toBe('possible');
    expect(both.diagnosis.findings[0]?.id).toBe('graph-scope-domain-prefix');
    expect(both.diagnosis.findings[0]?.confidence).toBe('confirmed');
    expect(both.diagnosis.findings[0]?.evidence[0]?.line).toBe(
      diagnose(LOG).findings.find((f) => f.id === 'graph-scope-domain-prefix')?.evidence[0]?.line,
    );
  });

  it('refuses bodies it cannot read with a friendly JSON error', async () => {
    const bad = await postJson('{"text": ');
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/not valid JSON/);
    const wrongShape = await postJson({ text: 42 });
    expect(wrongShape.status).toBe(400);
    expect(await errorOf(wrongShape)).toMatch(/\{"text"/);
    const badSize = await postFile(LOG, '', { 'x-paste-bytes': 'lots' });
    expect(badSize.status).toBe(400);
    expect(await errorOf(badSize)).toMatch(/x-paste-bytes/);
    const short = await postFile('', '', { 'x-paste-bytes': '500' });
    expect(short.status).toBe(400);
    expect(await errorOf(short)).toMatch(/shorter/);
  });

  it('says that the previews are missing rather than failing when a renderer is not there or throws', () => {
    const d = diagnose(LOG);
    const answer = playgroundAnswer(d, {
      teams: () => {
        throw new Error('boom');
      },
    });
    expect(answer.slack).toEqual({ available: false, reason: expect.stringMatching(/not built/) });
    expect(answer.teams).toEqual({ available: false, reason: expect.stringMatching(/could not be rendered/) });
    expect(answer.summary.headline).toMatch(/\[possible\] \(\+2 more\)/);
  });
});

describe('limits and the start-up banner', () => {
  it('answers an upload over MAX_UPLOAD_MB with 413 and a JSON message', async () => {
    const small = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', MAX_UPLOAD_MB: '0.001' });
    try {
      const res = await fetch(`${small.url}/api/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-paste-bytes': '0' },
        body: LOG,
      });
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toMatch(/larger than the limit/);
    } finally {
      await small.close();
    }
  });

  it('counts the unpacked size of a gzip upload against MAX_UPLOAD_MB, so a small .gz cannot expand without bound', async () => {
    const small = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', MAX_UPLOAD_MB: '1' });
    try {
      const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a\n'));
      const res = await fetch(`${small.url}/api/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/gzip', 'x-paste-bytes': '0' },
        body: bomb,
      });
      const answer = (await res.json()) as { diagnosis: { input: { bytes: number; truncated: boolean } } };
      expect(answer.diagnosis.input.truncated).toBe(true);
      expect(answer.diagnosis.input.bytes).toBeLessThanOrEqual(1024 * 1024);
    } finally {
      await small.close();
    }
  });

  it('says what runs without platform credentials, and warns when HOST opens it to the network', () => {
    const local = playgroundFrontDoor(testContext(), {});
    expect(local.status).toMatch(/No platform credentials: the playground, the JSON API/);
    expect(local.status).not.toMatch(/HOST/);
    const open = playgroundFrontDoor(testContext({ HOST: '0.0.0.0' }), {});
    expect(open.status).toMatch(/HOST=0\.0\.0\.0: the playground is reachable from other machines/);
    const slack = playgroundFrontDoor(
      testContext({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A-2-abc' }),
      {},
    );
    expect(slack.status).toBe('');
  });
});
