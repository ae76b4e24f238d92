import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorTuning } from '../../adapters/slack/connector.js';
import { type RunningApp, startApp } from '../../src/app.js';
import { fixture, TEST_DATA_DIR } from '../helpers.js';
import { FakeSlack, freePort, until } from './fake-slack.js';

// Socket Mode against a Slack that refuses connections, then comes back, then drops the link: the rest of the
// server keeps answering throughout, /readyz says where Slack stands, and the bot reconnects on its own.

const LOG = fixture('seed', 'rc2-graph-error.log');

interface Ready {
  status: string;
  doors: { name: string; ready: boolean; detail: string }[];
}

async function readyz(app: RunningApp): Promise<{ code: number; body: Ready }> {
  const res = await fetch(`${app.url}/readyz`);
  return { code: res.status, body: (await res.json()) as Ready };
}
/** The app in Socket Mode, with Slack's Web API (and so its WebSocket URL) at `apiUrl`. */
const socketModeApp = (apiUrl: string) =>
  startApp({
    PORT: '0',
    DATA_DIR: TEST_DATA_DIR,
    LOG_LEVEL: 'silent',
    TENANT_LOOKUP: 'off',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-1-A0-1-test',
    SLACK_API_URL: apiUrl,
  });
const slackLine = async (app: RunningApp) => (await readyz(app)).body.doors.find((d) => d.name === 'Slack')?.detail;

let app: RunningApp | undefined;
let slack: FakeSlack;

beforeEach(() => {
  slack = new FakeSlack();
});

beforeAll(() => {
  // Seconds in production; a tenth of that here so the test sees several attempts.
  connectorTuning.firstRetryMs = 100;
  connectorTuning.maxRetryMs = 400;
});

afterEach(async () => {
  await app?.close();
  await slack.stop();
});

describe('Slack in Socket Mode when Slack is unreachable', () => {
  it('keeps serving, reports the reason on /readyz, and connects and answers once Slack is back', async () => {
    const port = await freePort();
    app = await socketModeApp(`http://127.0.0.1:${port}/api/`);
    const running = app;

    // Slack refuses: the JSON API answers all the same.
    const res = await fetch(`${running.url}/api/diagnose`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: LOG,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { findings: { id: string }[] }).findings[0]?.id).toBe('graph-scope-domain-prefix');
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);

    await until('a failed attempt on /readyz', async () => /last error/.test((await slackLine(running)) ?? ''));
    const notReady = await readyz(running);
    expect(notReady.code).toBe(503);
    expect(await slackLine(running)).toMatch(/^Slack: reconnecting in \d+ s, last error: .*ECONNREFUSED/);
    // The other front doors are unaffected.
    expect(notReady.body.doors.filter((d) => d.name !== 'Slack').every((d) => d.ready)).toBe(true);

    // Slack comes back on the same address: the bot connects without a restart.
    await slack.start(port);
    await until('the socket', () => slack.connected);
    await until('/readyz 200', async () => (await readyz(running)).code === 200);
    expect(await slackLine(running)).toBe('Slack: connected (Socket Mode)');

    // A slash command down the socket is acknowledged at once and answered through its response_url.
    // How fast the acknowledgement comes is measured by `npm run bench:slack`, not here: a busy machine is no defect.
    const envelope = slack.slash(`diagnose ${LOG}`, 'first');
    await until('the acknowledgement', () => slack.acks.has(envelope));
    await until('the answer', () => slack.calls.some((c) => c.path === '/hook/first'));
    expect(slack.calls.find((c) => c.path === '/hook/first')?.body).toContain('graph.microsoft.com');
  });

  it('logs one warning per failed attempt, none at error level', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    const port = await freePort();
    app = await startApp(
      {
        PORT: '0',
        DATA_DIR: TEST_DATA_DIR,
        TENANT_LOOKUP: 'off',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-1-A0-1-test',
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      },
      logger,
    );
    const attempts = () => lines.filter((l) => l.msg === 'slack could not connect; the rest keeps serving').length;
    await until('three failed attempts', () => attempts() >= 3);
    const loud = lines.filter((l) => l.level >= 40);
    expect(loud.every((l) => l.msg === 'slack could not connect; the rest keeps serving')).toBe(true);
    expect(lines.some((l) => l.level >= 50)).toBe(false);
  });

  it('reconnects when Slack drops an established link, and says so meanwhile', async () => {
    await slack.start();
    app = await socketModeApp(slack.apiUrl);
    const running = app;
    await until('the first connection', async () => (await readyz(running)).code === 200);

    await slack.stop();
    await until('/readyz to notice', async () => (await readyz(running)).code === 503);
    expect(await slackLine(running)).toMatch(/^Slack: (connection lost|reconnecting)/);

    await slack.start();
    await until('the second connection', async () => (await readyz(running)).code === 200);
    expect(slack.connections).toBe(2);
    const envelope = slack.slash('help', 'second');
    await until('the acknowledgement', () => slack.acks.has(envelope));
  });
});
