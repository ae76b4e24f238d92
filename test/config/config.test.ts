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
    [{ PORT: 'eighty' }, /PORT is "eighty", but it must be a port number from 0 to 65535\./],
    [{ MAX_UPLOAD_MB: '-5' }, /MAX_UPLOAD_MB is "-5", but it must be a number of megabytes above 0/],
    [{ TENANT_LOOKUP: 'maybe' }, /TENANT_LOOKUP is "maybe", but it must be on or off\./],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /SLACK_BOT_TOKEN must be a bot token \(xoxb-…\)\./],
    [
      { MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' },
      /MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant \(the default/,
    ],
    [{ SLACK_APP_TOKEN: 'xapp-1-A', SLACK_SIGNING_SECRET: 's' }, /SLACK_BOT_TOKEN: required/],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }, /MicrosoftAppPassword: required/],
    [{ MicrosoftAppId: 'x', MicrosoftAppPassword: 'y', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never says a secret setting back, and reads no validator jargon', () => {
    let message = '';
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-1234-secret-value', PORT: 'NaN', LOG_LEVEL: 'loud' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('xoxp-1234-secret-value');
    expect(message).not.toMatch(/Invalid input|expected number|received/);
    expect(message).toMatch(/LOG_LEVEL is "loud", but it must be one of fatal, error, warn/);
  });

  it('lets the watch command post with only a bot token (the signing secret is for the HTTP receiver)', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' })).toThrow(/SLACK_SIGNING_SECRET: required/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' }, 'watch').SLACK_BOT_TOKEN).toBe('xoxb-1-2-3');
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
