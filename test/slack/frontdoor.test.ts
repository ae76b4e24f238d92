import { describe, expect, it } from 'vitest';
import { slackFrontDoor } from '../../adapters/slack/index.js';
import { startApp } from '../../src/app.js';
import { TEST_DATA_DIR, testContext } from '../helpers.js';

const door = (env: Record<string, string>) => slackFrontDoor(testContext(env));

describe('slackFrontDoor', () => {
  it('is off, with no routes and a banner saying what to set, without a bot token', () => {
    const d = door({});
    expect(d.routes).toEqual([]);
    expect(d.status).toBe(
      'Slack: off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode); see docs/slack.md',
    );
  });

  it('mounts POST /slack/events in HTTP mode', () => {
    const d = door({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(d.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events']);
    expect(d.status).toMatch(/HTTP mode/);
  });

  it('adds no route in Socket Mode and connects on start', () => {
    const d = door({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(d.routes).toEqual([]);
    expect(d.status).toMatch(/Socket Mode/);
    expect(d.start).toBeTypeOf('function');
    expect(d.stop).toBeTypeOf('function');
  });

  it('refuses to start in HTTP mode without a signing secret, saying what to set', async () => {
    await expect(
      startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: 'xoxb-1' }),
    ).rejects.toThrow(/SLACK_SIGNING_SECRET: required/);
  });

  it('answers 404 on /slack/events when Slack is off', async () => {
    const app = await startApp({ PORT: '0', DATA_DIR: TEST_DATA_DIR, LOG_LEVEL: 'silent' });
    try {
      const res = await fetch(`${app.url}/slack/events`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
