import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { REDACT_PATHS } from '../../src/logger.js';
import { fixture, SECRETS, spliceSecrets, TEST_DATA_DIR } from '../helpers.js';

let app: RunningApp;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
  app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'trace' }, logger);
});
afterAll(async () => {
  await app.close();
});

describe('logs', () => {
  it('record requests at trace level without any pasted text or secret', async () => {
    const text = spliceSecrets(fixture('seed', 'rc1-incoming-mail.log'));
    await fetch(`${app.url}/api/diagnose`, {
      method: 'POST',
      body: JSON.stringify({ text }),
      headers: { 'content-type': 'application/json' },
    });
    await fetch(`${app.url}/api/diagnose`, { method: 'POST', body: text, headers: { 'content-type': 'text/plain' } });
    await fetch(`${app.url}/api/diagnose`, {
      method: 'POST',
      body: '{"text": broken',
      headers: { 'content-type': 'application/json' },
    });
    const all = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(all).toContain('/api/diagnose');
    for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
    expect(all).not.toContain('Invalid audience');
  });
});
