import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('configuration from the environment', () => {
  it('starts with nothing set: playground and JSON API defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', TENANT_LOOKUP: 'on', MAX_UPLOAD_MB: 256 });
    expect(c.SLACK_AUTO_REPLY_CHANNELS).toEqual([]);
  });

  it('treats empty values, as .env.example has them, as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '', MicrosoftAppId: ' ' }).PORT).toBe(3978);
  });

  it('splits channel lists on commas', () => {
    expect(loadConfig({ SLACK_AUTO_REPLY_CHANNELS: 'C1, C2,,' }).SLACK_AUTO_REPLY_CHANNELS).toEqual(['C1', 'C2']);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ MAX_UPLOAD_MB: '-5' }, /MAX_UPLOAD_MB/],
    [{ TENANT_LOOKUP: 'maybe' }, /TENANT_LOOKUP/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /SLACK_BOT_TOKEN: must be a bot token/],
    [{ SLACK_APP_TOKEN: 'xapp-1-A', SLACK_SIGNING_SECRET: 's' }, /SLACK_BOT_TOKEN: required/],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }, /MicrosoftAppPassword: required/],
    [{ MicrosoftAppId: 'x', MicrosoftAppPassword: 'y', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('makes npm start exit 2 with that message, not a stack trace', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mhd-env-'));
    const r = spawnSync(TSX, [MAIN], {
      cwd,
      env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: 'xoxb-1', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/SLACK_SIGNING_SECRET: required/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
