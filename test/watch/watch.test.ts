import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { fixture } from '../helpers.js';
import { API, parseBody, SlackHarness } from '../slack/harness.js';
import { channelPost, SUPPORT_CHANNEL, TeamsHarness, USER } from '../teams/helpers.js';

// The watcher with real files in a temp folder and the server as `npm start` runs it (WATCH_LOGS): posts to the
// Slack channel (nock'd Web API), once per failure, a new post for a new failure after a rotation, Acknowledge and
// Mute through signed interaction payloads, "recovered" in the thread, a restart that repeats nothing and misses
// nothing, and a burst of a thousand failures that makes one post.

const CHANNEL = 'C0WATCH';
const at = (s: number) => `2024-05-02 10:00:${String(s).padStart(2, '0')},000+0000`;
const GRAPH_FAILURE = (s: number) =>
  `${at(s)} ERROR [] Caesium-1-4 ServiceRunner Exception when MailPullerWorker pulls emails:\n${fixture('seed', 'rc2-graph-error.log').trimEnd()}\n`;
const SECRET_FAILURE = (s: number) =>
  `${at(s)} ERROR [] Caesium-1-2 ServiceRunner AADSTS7000222: The provided client secret keys for app '6e1b4f2a-3c5d-4e7f-8a9b-0c1d2e3f4a5b' are expired. client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2\n`;
const RECOVERED = (s: number) => `${at(s)} INFO [] Caesium-1-4 ServiceRunner Pulled 3 new messages\n`;

type Block = {
  type: string;
  text?: { text?: string };
  elements?: { action_id?: string; value?: string; text?: unknown }[];
};

async function until(what: string, check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const h = new SlackHarness();
afterEach(async () => {
  nock.cleanAll();
  await h.reset().catch(() => {});
});

function watching(log: string, dataDir: string, extra: Record<string, string> = {}) {
  return h.start({
    WATCH_LOGS: log,
    WATCH_SLACK_CHANNEL: CHANNEL,
    WATCH_POLL_MS: '50',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

/** Accepts the watcher's Web API calls (any number), recorded in h.calls like the harness's own. */
function slackAcceptsWatch() {
  for (const method of ['chat.postMessage', 'chat.update']) {
    nock(API)
      .persist()
      .post(`/api/${method}`)
      .reply(200, (_uri, body) => {
        h.calls.push({ method, body: parseBody(body) });
        return { ok: true, ts: `1700000000.${String(h.calls.length).padStart(6, '0')}` };
      });
  }
}

const posts = () => h.calls.filter((c) => c.method === 'chat.postMessage' && !c.body.thread_ts && c.body.blocks);
const replies = () => h.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts);
const texts = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? body.text);

describe('the watcher in the server (WATCH_LOGS)', () => {
  it('posts a failure once, a new one after a rotation, and "recovered" in the thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, 'an old failure that was already there: ERROR AADSTS7000222 expired\n');
    await watching(log, dir);
    slackAcceptsWatch();
    await new Promise((r) => setTimeout(r, 200));
    // Tails from the end: what was there is not posted.
    expect(posts()).toEqual([]);

    appendFileSync(log, GRAPH_FAILURE(1));
    await until('the first post', () => posts().length === 1);
    const first = posts()[0]?.body ?? {};
    expect(first.channel).toBe(CHANNEL);
    const blocks = first.blocks as Block[];
    expect(blocks[0]?.text?.text).toBe('Incoming mail started failing');
    expect(texts(first)).toContain(diagnose(fixture('seed', 'rc2-graph-error.log')).findings[0]?.title);
    expect(blocks.at(-1)?.elements?.map((e) => e.action_id)).toEqual(['mh_watch_ack', 'mh_watch_mute']);

    // The same failure again: counted, not posted.
    appendFileSync(log, GRAPH_FAILURE(2));
    appendFileSync(log, GRAPH_FAILURE(3));
    await new Promise((r) => setTimeout(r, 400));
    expect(posts()).toHaveLength(1);

    // Jira rotates the log; a different failure in the new file is a new post, and its secret stays out of it.
    renameSync(log, `${log}.1`);
    writeFileSync(log, SECRET_FAILURE(4));
    await until('the second post', () => posts().length === 2);
    expect(texts(posts()[1]?.body ?? {})).toContain(diagnose(SECRET_FAILURE(4)).findings[0]?.title);
    expect(JSON.stringify(h.calls)).not.toContain('Xk28Q~Jt0bP3nGq8vTz');

    // The handler pulls mail again: "recovered" in each failure's thread, and the posts updated in place.
    appendFileSync(log, RECOVERED(5));
    const updates = () => h.calls.filter((c) => c.method === 'chat.update');
    await until(
      'two recoveries, each said in its thread and on its post',
      () => replies().filter((r) => /Recovered/.test(String(r.body.text))).length === 2 && updates().length === 2,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(updates()).toHaveLength(2);
    expect(texts(updates()[0]?.body ?? {})).toMatch(/[Rr]ecovered/);
    expect(posts()).toHaveLength(2);
  });

  it('updates the post in place on Acknowledge and Mute, and a mute stops the next post', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    // Reposting after a second (instead of a day), so a post a mute holds back would otherwise come.
    await watching(log, dir, { WATCH_REPOST_HOURS: '0.0003' });
    slackAcceptsWatch();
    appendFileSync(log, SECRET_FAILURE(1));
    await until('the post', () => posts().length === 1);
    const post = posts()[0]?.body ?? {};
    const buttons = (post.blocks as Block[]).at(-1)?.elements ?? [];
    const click = (action: { action_id?: string; value?: string }) =>
      h.click({
        user: 'U0ONCALL',
        channel: CHANNEL,
        button: action,
        message: { text: post.text, blocks: post.blocks },
        responseUrl: '/actions/T0TEAM/9/watch',
      });
    h.hook('/actions/T0TEAM/9/watch', 2);
    await click(buttons[0] ?? {});
    await until('the acknowledged post', () => h.calls.some((c) => c.method.startsWith('response_url')));
    const acked = h.calls.find((c) => c.method.startsWith('response_url'))?.body ?? {};
    expect(acked.replace_original).toBe(true);
    expect(texts(acked)).toContain('Acknowledged by <@U0ONCALL>');
    expect(texts(acked)).not.toContain('mh_watch_ack');

    await click(buttons[1] ?? {});
    await until(
      'the muted post and its thread note',
      () => h.calls.filter((c) => c.method.startsWith('response_url')).length === 2 && replies().length === 1,
    );
    expect(texts(h.calls.filter((c) => c.method.startsWith('response_url'))[1]?.body ?? {})).toMatch(
      /Muted until .* by <@U0ONCALL>/,
    );
    expect(String(replies()[0]?.body.text)).toMatch(/^Muted for 24 h by <@U0ONCALL>/);
    expect(replies()[0]?.body.thread_ts).toBe('1700000000.000001');

    // Past the repost time the failure would be posted again; muted, it is not.
    await new Promise((r) => setTimeout(r, 1200));
    appendFileSync(log, SECRET_FAILURE(2));
    await new Promise((r) => setTimeout(r, 400));
    expect(posts()).toHaveLength(1);
  });

  it('repeats nothing after a restart and reads what was written while it was down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    await watching(log, dir);
    slackAcceptsWatch();
    appendFileSync(log, GRAPH_FAILURE(1));
    await until('the post', () => posts().length === 1);
    await h.reset();

    // Down: the same failure again, and a new one.
    appendFileSync(log, GRAPH_FAILURE(2));
    appendFileSync(log, SECRET_FAILURE(3));
    await watching(log, dir);
    slackAcceptsWatch();
    await until('the new failure', () => posts().length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts()).toHaveLength(1);
    expect(texts(posts()[0]?.body ?? {})).toContain(diagnose(SECRET_FAILURE(3)).findings[0]?.title);
  });

  it('makes one post of a thousand identical failures written in a burst', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    await watching(log, dir);
    slackAcceptsWatch();
    appendFileSync(log, Array.from({ length: 1000 }, (_, i) => SECRET_FAILURE(i % 60)).join(''));
    await until('the post', () => posts().length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(posts()).toHaveLength(1);
    expect(h.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('tries a post again on the next occurrence when Slack was down the first time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    await watching(log, dir);
    let refused = 0;
    nock(API)
      .post('/api/chat.postMessage')
      .times(4)
      .reply(() => {
        refused++;
        return [503, 'down'];
      });
    appendFileSync(log, SECRET_FAILURE(1));
    await until('Slack refusing the post (with its retries)', () => refused === 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts()).toEqual([]);

    slackAcceptsWatch();
    appendFileSync(log, SECRET_FAILURE(2));
    await until('the post', () => posts().length === 1);
    // The post that finally went out counts both occurrences.
    expect(texts(posts()[0]?.body ?? {})).toContain('seen 2 times');
  });

  it('says past the hourly limit in one summary line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    await watching(log, dir, { WATCH_MAX_POSTS_PER_HOUR: '1' });
    slackAcceptsWatch();
    appendFileSync(log, SECRET_FAILURE(1));
    await until('the post', () => posts().length === 1);
    appendFileSync(log, GRAPH_FAILURE(2));
    appendFileSync(
      log,
      `${at(3)} ERROR [] Caesium-1-1 ServiceRunner AADSTS50126: Error validating credentials due to invalid username or password.\n`,
    );
    await until('the summary line', () => h.calls.some((c) => /WATCH_MAX_POSTS_PER_HOUR/.test(String(c.body.text))));
    await new Promise((r) => setTimeout(r, 300));
    expect(posts()).toHaveLength(1);
    expect(h.calls.filter((c) => /WATCH_MAX_POSTS_PER_HOUR/.test(String(c.body.text)))).toHaveLength(1);
  });
});

describe('the watcher posting to Teams', () => {
  const t = new TeamsHarness();
  afterEach(() => t.stop());

  it('posts to the channel it was added to, and updates the card on Acknowledge and Mute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhd-watch-'));
    const log = join(dir, 'atlassian-jira-incoming-mail.log');
    writeFileSync(log, '');
    await t.start({
      WATCH_LOGS: log,
      WATCH_TEAMS_CHANNEL: SUPPORT_CHANNEL,
      WATCH_POLL_MS: '50',
      DATA_DIR: dir,
    });
    t.catchReplies();
    const updates = t.catchUpdates();
    // Before the bot was mentioned there, the watcher cannot post to the channel (and says so in the log).
    // A mention in the channel: the bot keeps the channel's reference.
    await t.post(channelPost('help', { mention: true }));
    const before = t.sent.length;
    appendFileSync(log, SECRET_FAILURE(1));
    await until('the Teams post', () => t.sent.length > before);
    const post = t.sent.at(-1);
    expect(post?.path).toMatch(
      new RegExp(`/v3/conversations/${SUPPORT_CHANNEL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/activities`),
    );
    const card = JSON.stringify(post?.body.attachments?.[0]?.content);
    expect(card).toContain('Incoming mail started failing');
    const key = /"mhd":"watch","key":"([^"]+)","action":"ack"/.exec(card)?.[1] ?? '';
    expect(key).toMatch(/^entra-client-secret-expired\|/);

    const press = (action: 'ack' | 'mute') => ({
      ...channelPost(''),
      value: { mhd: 'watch', key, action },
      replyToId: 'reply-9',
      from: USER,
    });
    await t.post(press('ack'));
    expect(updates).toHaveLength(1);
    expect(updates[0]?.path).toMatch(/\/activities\/reply-9$/);
    expect(JSON.stringify(updates[0]?.body)).toContain(`Acknowledged by ${USER.name}`);
    const sentBefore = t.sent.length;
    await t.post(press('mute'));
    expect(updates).toHaveLength(2);
    expect(JSON.stringify(updates[1]?.body)).toMatch(/Muted until .* by Ada Admin/);
    expect(t.sent.length).toBe(sentBefore + 1);
    expect(String(t.sent.at(-1)?.body.text)).toMatch(/^Muted for 24 h by Ada Admin/);
  });
});
