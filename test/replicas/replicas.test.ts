import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { slackTuning } from '../../adapters/slack/app.js';
import { type RunningApp, startApp } from '../../src/app.js';
import { fixture } from '../helpers.js';
import { RedisServer } from '../store/redis-server.js';

// Two or three replicas of `npm start` on loopback sharing one real redis-server, driven the way Slack and Teams
// drive them (signed events, activities on /api/messages) with the Web API, response_url and the Teams connector
// caught by nock: each event is answered once, any replica answers any button, one replica watches the logs, the
// report counts every replica's answers, and Redis going away and coming back breaks nothing.

const API = 'http://slack.test';
const HOOKS = 'https://hooks.slack.com';
const SERVICE_URL = 'http://127.0.0.1:47999';
const SECRET = 'replica-signing-secret-5e1a';
const BIN = fileURLToPath(new URL('../../bin/mailhandler-doctor.js', import.meta.url));
const CONFIRMED = `${fixture('seed', 'rc1-incoming-mail.log')}${fixture('seed', 'rc1-scopes.txt')}`;
const QUESTIONS = fixture('seed', 'rc1-incoming-mail.log');
const at = (s: number) => `2024-05-02 10:00:${String(s).padStart(2, '0')},000+0000`;
const failure = (s: number, handler: string) =>
  `${at(s)} ERROR anonymous Caesium-1-2 ServiceRunner     [c.a.mail.incoming.mailfetcherservice] ${handler}: AADSTS7000222: The provided client secret keys for app '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b' are expired.\n`;

const redis = new RedisServer();
let prefix = 0;
const apps: RunningApp[] = [];
let posts: { method: string; body: Record<string, unknown> }[] = [];

beforeAll(() => redis.start(), 20_000);
afterAll(() => redis.stop());
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  nock.cleanAll();
  nock.enableNetConnect();
  posts = [];
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(25);
  }
}

/** Slack's side: auth.test, chat.postMessage and response_url, each call recorded. */
function fakeSlack() {
  slackTuning.retryConfig = { retries: 1, factor: 1, minTimeout: 5, maxTimeout: 10, randomize: false };
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  nock(API)
    .persist()
    .post('/api/auth.test')
    .reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM' });
  const parse = (body: unknown) =>
    typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, unknown>);
  nock(API)
    .persist()
    .post(/\/api\/chat\.(postMessage|update)/)
    .reply(200, (uri, body) => {
      posts.push({ method: uri.split('/').pop()?.replace('chat.', '') ?? '', body: parse(body) });
      return { ok: true, ts: `1700000000.${String(posts.length).padStart(6, '0')}` };
    });
  nock(HOOKS)
    .persist()
    .post(/.*/)
    .reply(200, (uri, body) => {
      posts.push({ method: `response_url ${uri}`, body: parse(body) });
      return 'ok';
    });
}

/** `n` replicas, each with its own DATA_DIR: what they share comes only from Redis. */
async function replicas(n: number, env: Record<string, string> = {}): Promise<RunningApp[]> {
  const p = `r${prefix++}-${Date.now()}:`;
  const started: RunningApp[] = [];
  for (let i = 0; i < n; i++) {
    const app = await startApp({
      PORT: '0',
      LOG_LEVEL: 'silent',
      TENANT_LOOKUP: 'off',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'mhd-replica-')),
      REDIS_URL: redis.url,
      REDIS_PREFIX: p,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${API}/api/`,
      ...env,
    });
    apps.push(app);
    started.push(app);
  }
  return started;
}

function signed(body: string) {
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

function slackEvent(app: RunningApp, event: Record<string, unknown>, eventId: string, retry?: number) {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true }],
    event,
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...signed(body) };
  if (retry !== undefined)
    Object.assign(headers, { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' });
  return fetch(`${app.url}/slack/events`, { method: 'POST', headers, body });
}

function click(app: RunningApp, payload: Record<string, unknown>) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed(body) },
    body,
  });
}

const dm = (text: string, ts: string) => ({
  type: 'message',
  channel: 'D0ADMIN',
  channel_type: 'im',
  user: 'U0ADMIN',
  text,
  ts,
});

type Block = { type: string; elements?: { action_id?: string; value?: string }[] };
const buttons = (body: Record<string, unknown>) => {
  const blocks = (typeof body.blocks === 'string' ? JSON.parse(body.blocks) : body.blocks) as Block[];
  return blocks.flatMap((b) => b.elements ?? []).filter((e) => e.action_id);
};

describe('replicas on one Redis, with Slack', () => {
  it('answer an event delivered to every replica, and its retries, once', async () => {
    fakeSlack();
    const [a, b, c] = await replicas(3);
    const event = dm(CONFIRMED, '1700000100.000100');
    const sent = await Promise.all([
      slackEvent(a as RunningApp, event, 'Ev1'),
      slackEvent(b as RunningApp, event, 'Ev1'),
      slackEvent(c as RunningApp, event, 'Ev1', 1),
      slackEvent(b as RunningApp, event, 'Ev1', 2),
    ]);
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await until('an answer', () => posts.length > 0);
    await wait(1000);
    expect(posts.map((p) => p.method)).toEqual(['postMessage']);
    expect(String(posts[0]?.body.text)).toContain('confirmed');
  });

  it('answer a question button on a replica that did not send the answer, and count feedback on any of them', async () => {
    fakeSlack();
    const [a, b] = (await replicas(2)) as [RunningApp, RunningApp];
    await slackEvent(a, dm(QUESTIONS, '1700000200.000100'), 'Ev2');
    await until('the answer', () => posts.length === 1);
    const answer = posts[0]?.body as Record<string, unknown>;
    const question = buttons(answer).find((e) => e.action_id?.startsWith('mh_answer_'));
    const fixed = buttons(answer).find((e) => e.action_id === 'mh_feedback_fixed');
    expect(question?.value).toBeTruthy();
    expect(fixed?.value).toBeTruthy();
    const base = {
      type: 'block_actions',
      user: { id: 'U0ADMIN' },
      api_app_id: 'A0APP',
      team: { id: 'T0TEAM' },
      channel: { id: 'D0ADMIN' },
      trigger_id: '1.2.3',
    };
    const container = { type: 'message', message_ts: '1700000200.000200', channel_id: 'D0ADMIN', is_ephemeral: false };
    const message = { ts: '1700000200.000200', text: answer.text, blocks: JSON.parse(String(answer.blocks)) };
    await click(b, {
      ...base,
      container,
      message,
      response_url: `${HOOKS}/actions/T0TEAM/2/q`,
      actions: [{ type: 'button', block_id: 'b', action_id: question?.action_id, value: question?.value }],
    });
    await until('the re-run answer', () => posts.length === 2);
    expect(posts[1]?.method).toBe('response_url /actions/T0TEAM/2/q');
    expect(String(posts[1]?.body.text)).not.toMatch(/too old/);
    expect(posts[1]?.body.replace_original).toBeTruthy();
    // "Fixed it" clicked on the second replica; the report read from the first counts it.
    await click(b, {
      ...base,
      container,
      message,
      response_url: `${HOOKS}/actions/T0TEAM/2/f`,
      actions: [{ type: 'button', block_id: 'f', action_id: fixed?.action_id, value: fixed?.value }],
    });
    await until('the thank-you', () => posts.length === 3);
    const report = (await (await fetch(`${a.url}/api/report`)).json()) as {
      answers: number;
      rules: { rule: string; fixed: number }[];
    };
    expect(report.answers).toBe(2);
    expect(report.rules.reduce((n, r) => n + r.fixed, 0)).toBe(1);
  });

  it('post a new failure in a watched log once, from the one replica that holds the watch lease', async () => {
    fakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'mhd-replica-logs-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    const watching = { WATCH_LOGS: log, WATCH_SLACK_CHANNEL: 'C0WATCH', WATCH_POLL_MS: '50' };
    const [a, b] = (await replicas(2, watching)) as [RunningApp, RunningApp];
    const holders = async () => {
      const scrape = async (app: RunningApp) =>
        (await (await fetch(`${app.url}/metrics`)).text()).match(/^mailhandler_doctor_watch_lease_held (\d)/m)?.[1];
      return [await scrape(a), await scrape(b)];
    };
    expect((await holders()).sort()).toEqual(['0', '1']);
    appendFileSync(log, failure(1, 'Support mailbox[10100]'));
    await until('the watch post', () => posts.some((p) => p.body.channel === 'C0WATCH'));
    await wait(1500);
    const top = posts.filter((p) => p.method === 'postMessage' && p.body.channel === 'C0WATCH' && !p.body.thread_ts);
    expect(top).toHaveLength(1);
    expect(String(top[0]?.body.text)).toMatch(/^Incoming mail started failing/);
  });
});

describe('replicas on one Redis, with Teams', () => {
  it('answer an activity the Bot Service delivered to two replicas once', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1:(?!47999)/);
    const replies: unknown[] = [];
    nock(SERVICE_URL)
      .persist()
      .post(/\/v3\/conversations\/.*\/activities/)
      .reply(200, (_uri, body) => {
        replies.push(body);
        return { id: `reply-${replies.length}` };
      });
    const [a, b] = (await replicas(2)) as [RunningApp, RunningApp];
    const activity = {
      type: 'message',
      id: '1700000000123',
      timestamp: new Date().toISOString(),
      serviceUrl: `${SERVICE_URL}/`,
      channelId: 'msteams',
      from: { id: '29:1user', name: 'Ada Admin', aadObjectId: '00000000-0000-0000-0000-00000000000a' },
      conversation: { id: 'a:1personal-chat', conversationType: 'personal', tenantId: 'tenant-1' },
      recipient: { id: '28:bot', name: 'Mail Handler Doctor' },
      text: CONFIRMED,
      channelData: { tenant: { id: 'tenant-1' } },
    };
    const deliver = (app: RunningApp) =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    const sent = await Promise.all([deliver(a), deliver(b), deliver(a)]);
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200]);
    await until('the reply', () => replies.length > 0);
    await wait(1000);
    expect(replies).toHaveLength(1);
  });
});

describe('replicas when Redis goes away', () => {
  it('keep answering pastes, say "degraded", and lose no feedback when Redis comes back', async () => {
    fakeSlack();
    const own = new RedisServer();
    await own.start();
    const app = await startApp({
      PORT: '0',
      LOG_LEVEL: 'silent',
      TENANT_LOOKUP: 'off',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'mhd-replica-')),
      REDIS_URL: own.url,
    });
    apps.push(app);
    await until(
      'Redis',
      async () => ((await (await fetch(`${app.url}/readyz`)).json()) as { status: string }).status === 'ready',
    );
    const preview = (await (
      await fetch(`${app.url}/api/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: CONFIRMED }),
      })
    ).json()) as { answerId: string };
    await own.stop();
    const diagnosed = await fetch(`${app.url}/api/diagnose`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: CONFIRMED }),
    });
    expect(diagnosed.status).toBe(200);
    const ready = (await (await fetch(`${app.url}/readyz`)).json()) as { status: string; doors: { detail: string }[] };
    expect(ready.status).toBe('degraded');
    expect(ready.doors.map((d) => d.detail).join(' ')).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is not reachable/);
    const feedback = await fetch(`${app.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        answerId: preview.answerId,
        rule: 'graph-scope-domain-prefix',
        verdict: 'fixed',
        person: 'browser-0123456789',
      }),
    });
    expect(((await feedback.json()) as { result: string }).result).toBe('queued');
    await own.start();
    await until(
      'Redis again',
      async () => ((await (await fetch(`${app.url}/readyz`)).json()) as { status: string }).status === 'ready',
    );
    await until('the queued feedback', async () => {
      const r = (await (await fetch(`${app.url}/api/report`)).json()) as { rules: { fixed: number }[] };
      return r.rules.some((x) => x.fixed === 1);
    });
    await app.close();
    apps.splice(apps.indexOf(app), 1);
    await own.stop();
  }, 40_000);
});

describe('the watch lease across processes', () => {
  it('passes to the standby within 30 s when the holder is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-lease-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: `lease-${Date.now()}:`,
      WATCH_POLL_MS: '50',
      SLACK_BOT_TOKEN: '',
      WATCH_LOGS: '',
    };
    const start = (name: string) => {
      const child = spawn(process.execPath, [BIN, 'watch', log, '--json'], {
        cwd: dir,
        env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), `mhd-${name}-`)), ...env },
      }) as ChildProcessWithoutNullStreams;
      const seen = { out: '', err: '' };
      child.stdout.on('data', (d: Buffer) => (seen.out += d));
      child.stderr.on('data', (d: Buffer) => (seen.err += d));
      return { child, seen };
    };
    const first = start('first');
    await until('the first to watch', () => /Watching /.test(first.seen.err));
    const second = start('second');
    await until('the second to stand by', () => /standing by/.test(second.seen.err));
    try {
      appendFileSync(log, failure(1, 'Support mailbox[10100]'));
      await until('the holder to see it', () => /"event":"failure"/.test(first.seen.out));
      expect(second.seen.out).toBe('');
      first.child.kill('SIGKILL');
      const killed = Date.now();
      await until('the standby to take over', () => /Took over/.test(second.seen.err), 30_000);
      const tookMs = Date.now() - killed;
      appendFileSync(log, failure(2, 'Other mailbox[10200]'));
      await until('the new holder to see the next failure', () =>
        /"subject":"Other mailbox\[10200\]"/.test(second.seen.out),
      );
      expect(tookMs).toBeLessThan(30_000);
    } finally {
      first.child.kill('SIGKILL');
      second.child.kill('SIGKILL');
    }
  }, 60_000);
});
