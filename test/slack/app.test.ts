import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeTenant, lookupTenant } from '../../src/tenant/lookup.js';
import { SECRETS } from '../helpers.js';
import { API, AUTO_CHANNEL, allText, BOT_ID, BOT_USER, HOOKS, SlackHarness, sign } from './harness.js';

const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const RC1_LOG = seed('rc1-incoming-mail.log');
const RC1_CONFIRMED = `${RC1_LOG}\n${seed('rc1-scopes.txt')}`;
const RC2_ERROR = seed('rc2-graph-error.log');
const CMD_URL = '/commands/T0TEAM/1/cmd';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; url?: string }[];
};
const blocksOf = (body: Record<string, unknown>) => body.blocks as Block[];
const header = (body: Record<string, unknown>) => blocksOf(body)[0]?.text?.text ?? '';
const buttons = (body: Record<string, unknown>) =>
  blocksOf(body).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

const h = new SlackHarness();
beforeEach(() => h.start());
// Fails the test when the app sent a request nothing was set up to answer.
afterEach(() => h.reset());

let ts = 1700000100;
const nextTs = () => `${ts++}.000100`;
const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: 'D0ADMIN',
  channel_type: 'im',
  user: 'U0ADMIN',
  text,
  ts: nextTs(),
  ...extra,
});
const channelMessage = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: AUTO_CHANNEL,
  channel_type: 'channel',
  user: 'U0ADMIN',
  text,
  ts: nextTs(),
  ...extra,
});

describe('/mailhandler slash command', () => {
  it('acknowledges at once and answers diagnose privately with the finding and a share button', async () => {
    h.hook(CMD_URL);
    const res = await h.command(`diagnose ${RC2_ERROR}\n${seed('rc2-scopes.txt')}`);
    expect(res.status).toBe(200);
    await h.waitForCalls(1);
    await h.settle();
    expect(h.calls).toHaveLength(1);
    const body = h.calls[0]?.body ?? {};
    expect(body.response_type).toBe('ephemeral');
    expect(header(body)).toMatch(/Graph/);
    expect(buttons(body).map((b) => b.action_id)).toContain('mh_share');
    expect(body.text).toEqual(expect.any(String));
  });

  it('answers diagnose with no text with how to get the log, without calling anything', async () => {
    const res = await h.command('diagnose');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('atlassian-jira-incoming-mail.log');
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it.each(['help', '', 'frobnicate now'])('answers %j with the help text, never an error', async (text) => {
    const res = await h.command(text);
    expect(res.status).toBe(200);
    const reply = JSON.parse(await res.text());
    expect(reply.text).toContain('/mailhandler diagnose');
    if (text.startsWith('frob')) expect(reply.text).toContain("I don't know that command");
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it.each([
    ['a word', 'frobnicate'],
    ['a pasted JWT', SECRETS.accessToken],
    ['a pasted Slack token', SECRETS.slackToken],
  ])('never echoes an unknown subcommand (%s)', async (_name, word) => {
    const res = await h.command(`${word} more words`);
    const reply = JSON.parse(await res.text());
    expect(reply.text).toContain("I don't know that command");
    expect(reply.text).not.toContain(word);
    expect(reply.text).not.toContain(word.slice(0, 10));
  });

  it('answers tenant through the tenant look-up, which stays offline when TENANT_LOOKUP is off', async () => {
    await h.stop();
    await h.start({ TENANT_LOOKUP: 'off' });
    h.hook(CMD_URL);
    await h.command('tenant contoso.com');
    await h.exactly(1);
    const expected = describeTenant(await lookupTenant('contoso.com', { enabled: false }));
    expect(h.calls[0]?.body).toEqual({ response_type: 'ephemeral', text: expected });
  });

  it('answers a paste with a secret without repeating it, and says to delete the message and rotate it', async () => {
    const secret = 'Qx8~vT3pL9sK2mN7bR4wY6zA1cD5eF0gH';
    h.hook(CMD_URL);
    await h.command(`diagnose ${RC1_CONFIRMED}\nclient_secret=${secret}`);
    await h.exactly(1);
    const text = allText(h.calls[0]?.body ?? {});
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(0, 12));
    expect(text).toMatch(/delete the message and rotate/);
  });
});

describe('request verification', () => {
  it('refuses a wrongly signed request with 401 and no reply', async () => {
    const body = new URLSearchParams({ command: '/mailhandler', text: 'help', response_url: `${HOOKS}${CMD_URL}` });
    const res = await h.post(
      body.toString(),
      'application/x-www-form-urlencoded',
      sign(body.toString(), undefined, 'wrong'),
    );
    expect(res.status).toBe(401);
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it('refuses a stale request (signed 10 minutes ago) with 401 and no reply', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvOld', event: dm('AADSTS7000222') });
    const res = await h.post(body, 'application/json', sign(body, Math.floor(Date.now() / 1000) - 600));
    expect(res.status).toBe(401);
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it('refuses a request signed with a time ten minutes ahead (a replay kept for later) with 401 and no reply', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvAhead', event: dm('AADSTS7000222') });
    const res = await h.post(body, 'application/json', sign(body, Math.floor(Date.now() / 1000) + 600));
    expect(res.status).toBe(401);
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it('accepts a request signed a minute ahead (clocks drift)', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-ahead', token: 'x' });
    const res = await h.post(body, 'application/json', sign(body, Math.floor(Date.now() / 1000) + 60));
    expect(res.status).toBe(200);
  });

  it('refuses an unsigned request with 401', async () => {
    const res = await h.post('{}', 'application/json', {});
    expect(res.status).toBe(401);
  });

  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    const res = await h.post(body, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });
});

describe('direct messages and mentions', () => {
  it('answers a pasted error in a DM in the thread of that message', async () => {
    h.api('chat.postMessage');
    const event = dm(RC1_CONFIRMED);
    expect((await h.event(event)).status).toBe(200);
    await h.waitForCalls(1);
    await h.settle();
    expect(h.calls).toHaveLength(1);
    const body = h.calls[0]?.body ?? {};
    expect(body.channel).toBe('D0ADMIN');
    expect(body.thread_ts).toBe(event.ts);
    expect(header(body)).toMatch(/confirmed/);
    expect(buttons(body).some((b) => b.url?.includes('confluence.atlassian.com'))).toBe(true);
  });

  it('answers a channel @mention delivered as both app_mention and message exactly once', async () => {
    h.api('chat.postMessage', {}, 2);
    const base = { channel: 'C0OTHER', user: 'U0ADMIN', text: `<@${BOT_USER}> ${RC2_ERROR}`, ts: nextTs() };
    await h.event({ type: 'app_mention', ...base });
    await h.event({ type: 'message', channel_type: 'channel', ...base });
    await h.waitForCalls(1);
    await h.settle();
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.body).toMatchObject({ channel: 'C0OTHER', thread_ts: base.ts });
    expect(allText(h.calls[0]?.body ?? {})).not.toContain(`<@${BOT_USER}>`);
  });

  it('answers an @mention that Slack retried twice once', async () => {
    h.api('chat.postMessage', {}, 3);
    const event = {
      type: 'app_mention',
      channel: 'C0OTHER',
      user: 'U0ADMIN',
      text: `<@${BOT_USER}> ${RC2_ERROR}`,
      ts: nextTs(),
    };
    await h.event(event, 'EvMention');
    await h.event(event, 'EvMention', 1);
    await h.event(event, 'EvMention', 2);
    await h.waitForCalls(1);
    await h.settle();
    expect(h.calls).toHaveLength(1);
  });

  it('answers a mention inside a thread in that thread', async () => {
    h.api('chat.postMessage');
    const event = { type: 'app_mention', channel: 'C0OTHER', user: 'U0ADMIN', text: `<@${BOT_USER}> ${RC2_ERROR}` };
    await h.event({ ...event, ts: nextTs(), thread_ts: '1690000000.000001' });
    await h.exactly(1);
    expect(h.calls[0]?.body.thread_ts).toBe('1690000000.000001');
  });

  it('answers a bare mention with how to use it', async () => {
    h.api('chat.postMessage');
    await h.event({ type: 'app_mention', channel: 'C0OTHER', user: 'U0ADMIN', text: `<@${BOT_USER}>`, ts: nextTs() });
    await h.exactly(1);
    expect(String(h.calls[0]?.body.text)).toContain('atlassian-jira-incoming-mail.log');
  });

  it('answers the same event delivered three times (Slack retries) once', async () => {
    h.api('chat.postMessage', {}, 3);
    const event = dm(RC2_ERROR);
    await h.event(event, 'EvSame');
    await h.event(event, 'EvSame', 1);
    await h.event(event, 'EvSame', 2);
    await h.waitForCalls(1);
    await h.settle();
    expect(h.calls).toHaveLength(1);
  });

  it('answers a DM holding a token without repeating it, and says to delete the message and rotate it', async () => {
    const secret = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
    h.api('chat.postMessage');
    await h.event(dm(`${RC2_ERROR}\nour bot token is ${secret}`));
    await h.exactly(1);
    const text = allText(h.calls[0]?.body ?? {});
    expect(text).not.toContain(secret);
    expect(text).not.toContain('AbCdEfGhIjKl');
    expect(text).toMatch(/delete the message and rotate/);
  });

  it('ignores its own messages and other bots in DMs', async () => {
    h.api('chat.postMessage', {}, 2);
    await h.event(dm(RC1_CONFIRMED, { bot_id: BOT_ID, user: BOT_USER }));
    await h.event(dm(RC1_CONFIRMED, { bot_id: 'B0OTHER', subtype: 'bot_message' }));
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it('ignores an edited @mention and an edited DM, which Slack re-sends with `edited`', async () => {
    h.api('chat.postMessage', {}, 2);
    const edited = { user: 'U0ADMIN', ts: '1700009999.000100' };
    const mention = { type: 'app_mention', channel: 'C0OTHER', user: 'U0ADMIN', text: `<@${BOT_USER}> ${RC2_ERROR}` };
    await h.event({ ...mention, ts: nextTs(), edited });
    await h.event(dm(RC1_CONFIRMED, { edited }));
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it('still answers the same mention when it was not edited (the check above is not refusing everything)', async () => {
    h.api('chat.postMessage');
    await h.event({
      type: 'app_mention',
      channel: 'C0OTHER',
      user: 'U0ADMIN',
      text: `<@${BOT_USER}> ${RC2_ERROR}`,
      ts: nextTs(),
    });
    await h.exactly(1);
  });
});

describe('support-channel auto-replies', () => {
  it('replies in the thread when a new message shows a confirmed problem', async () => {
    h.api('chat.postMessage');
    const event = channelMessage(RC1_CONFIRMED);
    await h.event(event);
    await h.exactly(1);
    expect(h.calls[0]?.body).toMatchObject({ channel: AUTO_CHANNEL, thread_ts: event.ts });
  });

  it('stays silent when the best finding is only possible', async () => {
    h.api('chat.postMessage');
    await h.event(channelMessage(RC1_LOG));
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it.each([
    ['a bot message', { bot_id: 'B0OTHER', subtype: 'bot_message' }],
    ['a bot message without subtype', { bot_id: 'B0OTHER' }],
    ['an edited message', { subtype: 'message_changed' }],
    ['a message marked edited', { edited: { user: 'U0ADMIN', ts: '1700009999.000100' } }],
    ['a join', { subtype: 'channel_join' }],
    ['a thread reply', { thread_ts: '1690000000.000001' }],
  ])('never replies to %s', async (_name, extra) => {
    h.api('chat.postMessage');
    await h.event(channelMessage(RC1_CONFIRMED, extra));
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it('does not reply in channels that are not support channels', async () => {
    h.api('chat.postMessage');
    await h.event(channelMessage(RC1_CONFIRMED, { channel: 'C0RANDOM' }));
    await h.settle();
    expect(h.calls).toEqual([]);
  });
});

describe('Web API failures', () => {
  it('still acknowledges a command when auth.test fails, calling it once without retrying', async () => {
    await h.stop();
    await h.start({}, { authStatus: 500 });
    const res = await h.command('help');
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text()).text).toContain('/mailhandler diagnose');
    expect(h.authCalls).toBe(1);
    await h.settle();
    expect(h.calls).toEqual([]);
  });

  it('retries a chat.postMessage rate-limited with Retry-After, then posts once', async () => {
    let limited = 0;
    nock(API)
      .post('/api/chat.postMessage')
      .reply(() => {
        limited++;
        return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }];
      });
    h.api('chat.postMessage');
    await h.event(dm(RC2_ERROR));
    await h.waitForCalls(1);
    await h.settle();
    expect(limited).toBe(1);
    expect(h.calls).toHaveLength(1);
  });

  it('retries a chat.postMessage that failed with 500, then posts once', async () => {
    let failed = 0;
    nock(API)
      .post('/api/chat.postMessage')
      .reply(() => {
        failed++;
        return [500, 'upstream error'];
      });
    h.api('chat.postMessage');
    await h.event(dm(RC2_ERROR));
    await h.waitForCalls(1);
    await h.settle();
    expect(failed).toBe(1);
    expect(h.calls).toHaveLength(1);
  });

  it('retries a response_url that failed with 500', async () => {
    nock(HOOKS).post(CMD_URL).reply(500, 'oops');
    h.hook(CMD_URL);
    await h.command(`diagnose ${RC2_ERROR}`);
    await h.exactly(1);
    expect(h.calls[0]?.body.response_type).toBe('ephemeral');
  });
});

describe('buttons', () => {
  const click = (value: string, actionId: string, ephemeral = true) =>
    h.click({
      user: 'U0ADMIN',
      channel: 'C0GENERAL',
      button: { action_id: actionId, value },
      ephemeral,
      responseUrl: '/actions/T0TEAM/1/act',
    });

  it('re-runs the diagnosis with the chosen answer and replaces the question', async () => {
    h.hook(CMD_URL);
    await h.command(`diagnose ${RC1_LOG}`);
    await h.exactly(1);
    const first = h.calls[0]?.body ?? {};
    expect(header(first)).toMatch(/possible/);
    const prefixed = buttons(first).find((b) => b.value?.includes('https://graph.microsoft.com/Mail.ReadWrite'));
    expect(prefixed?.action_id).toMatch(/^mh_answer_/);
    h.hook('/actions/T0TEAM/1/act');
    const res = await click(prefixed?.value ?? '', prefixed?.action_id ?? '');
    expect(res.status).toBe(200);
    await h.exactly(2);
    const second = h.calls[1]?.body ?? {};
    expect(second.replace_original).toBe(true);
    expect(header(second)).toMatch(/confirmed/);
  });

  it('shares an ephemeral answer in the channel', async () => {
    h.hook(CMD_URL);
    await h.command(`diagnose ${RC1_CONFIRMED}`);
    await h.exactly(1);
    const share = buttons(h.calls[0]?.body ?? {}).find((b) => b.action_id === 'mh_share');
    h.hook('/actions/T0TEAM/1/act');
    await click(share?.value ?? '', 'mh_share');
    await h.exactly(2);
    expect(h.calls[1]?.body).toMatchObject({ response_type: 'in_channel' });
    expect(header(h.calls[1]?.body ?? {})).toBe(header(h.calls[0]?.body ?? {}));
  });

  it('says the answer expired when the paste is no longer kept, never an error', async () => {
    h.hook('/actions/T0TEAM/1/act');
    await click(JSON.stringify({ p: 'gone', a: 'Our tenant is in GCC High.' }), 'mh_answer_0_2');
    await h.exactly(1);
    expect(String(h.calls[0]?.body.text)).toMatch(/Paste the error again/);
  });

  it('treats a tampered button value as expired', async () => {
    h.hook('/actions/T0TEAM/1/act');
    await click('not json', 'mh_share');
    await h.exactly(1);
    expect(h.calls[0]?.body.replace_original).toBe(false);
  });
});
