import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { fixture, TEST_DATA_DIR } from '../helpers.js';
import { upload } from './server-process.js';

// Answers given before the whole body was read — a binary file is known from its first bytes, a full queue is
// refused at once — must still reach the client: the rest of the body is read and dropped, never reset.

const MB = 1024 * 1024;
const BINARY = Buffer.alloc(5 * MB, 0);
const LOG = fixture('seed', 'rc2-graph-error.log');
const run = promisify(execFile);
const hasCurl = spawnSync('curl', ['--version']).status === 0;

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({
    PORT: '0',
    DATA_DIR: TEST_DATA_DIR,
    LOG_LEVEL: 'silent',
    TENANT_LOOKUP: 'off',
    MAX_UPLOAD_MB: '8',
  });
});
afterAll(async () => {
  await app.close();
});

describe('an early answer to a big upload', () => {
  it.skipIf(!hasCurl)('reaches curl, which exits 0 with the answer', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mhd-upload-')), 'export.zip');
    writeFileSync(file, BINARY);
    const args = ['-sS', '-w', '\n%{http_code}', '--data-binary', `@${file}`, '-H', 'content-type: application/zip'];
    // Asynchronously: the server runs in this process and must keep answering while curl sends.
    const curl = await run('curl', [...args, `${app.url}/api/diagnose`], { timeout: 20_000 }).catch(
      (err: { code?: number }) => err,
    );
    // Before, curl exited 55 (failed sending data) after 6 s: the server had stopped reading.
    if (!('stdout' in curl)) throw new Error(`curl exited ${curl.code}`);
    expect(curl.stdout.trim().split('\n').at(-1)).toBe('200');
    expect(curl.stdout).toMatch(/looks binary/);
  });

  it('reaches a client that asked to close the connection, with no broken pipe', async () => {
    const res = await upload(`${app.url}/api/diagnose`, BINARY, 'application/octet-stream');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).input.binary).toBe(true);
  });

  it('leaves a kept-alive connection usable for the next request', async () => {
    const first = await fetch(`${app.url}/api/diagnose`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: BINARY,
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { input: { binary: boolean } }).input.binary).toBe(true);
    const second = await fetch(`${app.url}/api/diagnose`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: LOG,
    });
    expect(((await second.json()) as { findings: { id: string }[] }).findings[0]?.id).toBe('graph-scope-domain-prefix');
  });
});
