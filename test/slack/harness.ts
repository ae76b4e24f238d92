import { createHmac } from 'node:crypto';
import nock from 'nock';
import { slackTuning } from '../../adapters/slack/app.js';
import { type RunningApp, startApp } from '../../src/app.js';
import type { Logger } from '../../src/logger.js';
import { freshDataDir } from '../helpers.js';

// Drives the real app the way Slack does: signed HTTP requests in, Web API and response_url calls captured by nock.

export const SIGNING_SECRET = 'test-signing-secret-8f2c';
export const API = 'http://slack.test';
export const HOOKS = 'https://hooks.slack.com';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const AUTO_CHANNEL = 'C0SUPPORT';

export interface Call {
  method: string;
  body: Record<string, unknown>;
}

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

type Where = { href?: string; method?: string; path?: string; hostname?: string; host?: string };

export interface StartOptions {
  /** A logger for the app (startApp's second argument), e.g. one writing to memory. */
  logger?: Logger;
  /** Answer auth.test with this HTTP status instead of ok. */
  authStatus?: number;
}

export class SlackHarness {
  app!: RunningApp;
  /** Every Web API call (except auth.test) and response_url post, in order. */
  calls: Call[] = [];
  /** Outbound requests nothing was set up to answer: an extra post shows here. */
  unexpected: string[] = [];
  /** How many times auth.test was called. */
  authCalls = 0;

  async start(env: Record<string, string> = {}, options: StartOptions = {}) {
    slackTuning.retryConfig = { retries: 3, factor: 1, minTimeout: 5, maxTimeout: 10, randomize: false };
    this.authCalls = 0;
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock(API)
      .persist()
      .post('/api/auth.test')
      .reply(() => {
        this.authCalls++;
        if (options.authStatus) return [options.authStatus, 'auth is down'];
        return [200, { ok: true, user_id: BOT_USER, bot_id: BOT_ID, team_id: 'T0TEAM' }];
      });
    this.app = await startApp(
      {
        PORT: '0',
        // A fresh install per start: what one test claimed (a message answered) must not silence the next.
        DATA_DIR: freshDataDir(),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: `${API}/api/`,
        SLACK_AUTO_REPLY_CHANNELS: AUTO_CHANNEL,
        LOG_LEVEL: 'silent',
        ...env,
      },
      options.logger,
    );
    nock.emitter.on('no match', this.onNoMatch);
  }

  private onNoMatch = (req: Where, options?: Where) => {
    // nock passes the request, or the request and its options, depending on how it was intercepted.
    const o = options ?? req;
    const where = o.href ?? `${o.method ?? ''} ${o.host ?? o.hostname ?? ''}${o.path ?? ''}`.trim();
    // nock reports requests to the app itself too (they pass through); only outbound ones are unexpected.
    if (!where.includes(new URL(this.app.url).host)) this.unexpected.push(where);
  };

  async stop() {
    nock.emitter.removeListener('no match', this.onNoMatch);
    await this.app?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  }

  /** Stops the app and clears what was captured; throws when a request went somewhere nothing answers. */
  async reset() {
    const unexpected = this.unexpected;
    await this.stop();
    this.calls = [];
    this.unexpected = [];
    if (unexpected.length > 0) throw new Error(`unexpected requests: ${unexpected.join(', ')}`);
  }

  /** Answers `method` (chat.postMessage, files.info, …) with ok, recording the call; `times` replies. */
  api(method: string, reply: Record<string, unknown> = {}, times = 1) {
    nock(API)
      .post(`/api/${method}`)
      .times(times)
      .reply(200, (_uri, body) => {
        this.calls.push({ method, body: parseBody(body) });
        return { ok: true, ts: '1700000000.000200', ...reply };
      });
  }

  /** Accepts posts to a response_url path, recording them. */
  hook(path: string, times = 1) {
    nock(HOOKS)
      .post(path)
      .times(times)
      .reply(200, (_uri, body) => {
        this.calls.push({ method: `response_url ${path}`, body: parseBody(body) });
        return 'ok';
      });
  }

  async post(body: string, contentType: string, headers: Record<string, string> = sign(body)) {
    return fetch(`${this.app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body,
    });
  }

  command(text: string, extra: Record<string, string> = {}) {
    const body = new URLSearchParams({
      token: 'deprecated',
      team_id: 'T0TEAM',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: 'U0ADMIN',
      user_name: 'admin',
      command: '/mailhandler',
      text,
      api_app_id: 'A0APP',
      response_url: `${HOOKS}/commands/T0TEAM/1/cmd`,
      trigger_id: '1.2.3',
      ...extra,
    }).toString();
    return this.post(body, 'application/x-www-form-urlencoded');
  }

  event(event: Record<string, unknown>, eventId = `Ev${Math.random().toString(36).slice(2, 10)}`, retry?: number) {
    const body = JSON.stringify({
      token: 'deprecated',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: eventId,
      event_time: 1700000000,
      authorizations: [{ team_id: 'T0TEAM', user_id: BOT_USER, is_bot: true }],
      event,
    });
    const headers: Record<string, string> = sign(body);
    if (retry !== undefined) {
      headers['x-slack-retry-num'] = String(retry);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return this.post(body, 'application/json', headers);
  }

  action(payload: Record<string, unknown>) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded');
  }

  /** A button click as Slack sends it: a signed block_actions payload for the message the button is on. */
  click(options: {
    user: string;
    channel: string;
    button: { action_id?: string; value?: string };
    responseUrl: string;
    /** The message the button is on; none for an ephemeral one (Slack does not send those back). */
    message?: { text?: unknown; blocks?: unknown };
    ephemeral?: boolean;
    ts?: string;
  }) {
    const { user, channel, button, responseUrl, message, ts = '1700000000.000001' } = options;
    return this.action({
      type: 'block_actions',
      user: { id: user },
      api_app_id: 'A0APP',
      token: 'x',
      team: { id: 'T0TEAM' },
      channel: { id: channel },
      container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: options.ephemeral ?? !message },
      ...(message ? { message: { ts, ...message } } : {}),
      trigger_id: '1.2.3',
      response_url: `${HOOKS}${responseUrl}`,
      actions: [
        {
          type: 'button',
          block_id: 'b',
          action_id: button.action_id,
          value: button.value,
          action_ts: '1700000001.000001',
        },
      ],
    });
  }

  /** Waits until `n` calls were captured (work happens after the ack), or fails with what was seen. */
  async waitForCalls(n: number, ms = 10_000) {
    const until = Date.now() + ms;
    while (this.calls.length < n) {
      if (Date.now() > until)
        throw new Error(`expected ${n} calls, saw ${JSON.stringify(this.calls.map((c) => c.method))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Gives the app time to do anything it should not (a reply that must not come). */
  async settle(ms = 300) {
    await new Promise((r) => setTimeout(r, ms));
  }

  /** Waits for `n` calls, lets the app settle, and fails unless exactly `n` were made: nothing else was posted. */
  async exactly(n: number, ms?: number) {
    await this.waitForCalls(n, ms);
    await this.settle();
    if (this.calls.length !== n) throw new Error(`expected exactly ${n} calls, saw ${this.methods()}`);
  }

  methods() {
    return JSON.stringify(this.calls.map((c) => c.method));
  }
}

export function parseBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  const text = String(body);
  try {
    return JSON.parse(text);
  } catch {
    const form = Object.fromEntries(new URLSearchParams(text));
    for (const key of ['blocks', 'attachments']) if (typeof form[key] === 'string') form[key] = JSON.parse(form[key]);
    return form;
  }
}

/** Every piece of text in a message, blocks included, for "never repeats the secret" checks. */
export const allText = (body: Record<string, unknown>) => JSON.stringify(body);
