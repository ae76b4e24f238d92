import { readFileSync } from 'node:fs';
import nock from 'nock';
import type { TeamsFrontDoor } from '../../adapters/teams/index.js';
import { type RunningApp, startApp } from '../../src/app.js';
import { freshDataDir } from '../helpers.js';

// Drives the bot the way the Teams service does: Activity JSON posted to /api/messages, replies caught at serviceUrl.

export const SERVICE_URL = 'http://127.0.0.1:47999/';
export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Mail Handler Doctor' };
export const USER = { id: '29:1user-aad', name: 'Ada Admin', aadObjectId: '00000000-0000-0000-0000-00000000000a' };
export const SUPPORT_CHANNEL = '19:support1234@thread.tacv2';

export const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');

export interface Sent {
  path: string;
  body: Record<string, unknown> & {
    text?: string;
    replyToId?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
  };
}

let counter = 0;

export function personal(text: string, extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    type: 'message',
    id: `17000000000${counter}`,
    timestamp: new Date().toISOString(),
    serviceUrl: SERVICE_URL,
    channelId: 'msteams',
    from: USER,
    conversation: { id: 'a:1personal-chat', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: BOT,
    text,
    textFormat: 'plain',
    locale: 'en-US',
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  };
}

/** A channel post; `mention` puts the bot's <at> tag and mention entity in, as Teams does. */
export function channelPost(text: string, opts: { mention?: boolean; channel?: string; thread?: string } = {}) {
  const channel = opts.channel ?? SUPPORT_CHANNEL;
  const base = personal(opts.mention ? `<at>${BOT.name}</at> ${text}` : text);
  return {
    ...base,
    conversation: {
      id: `${channel};messageid=${opts.thread ?? base.id}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: channel }, channel: { id: channel } },
    entities: opts.mention ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] : [],
  };
}

export class TeamsHarness {
  app!: RunningApp;
  sent: Sent[] = [];
  unexpected: string[] = [];

  async start(env: Record<string, string> = {}) {
    this.app = await startApp({
      PORT: '0',
      // A fresh install per start: what one test claimed (a message answered) must not silence the next.
      DATA_DIR: freshDataDir(),
      LOG_LEVEL: 'silent',
      TENANT_LOOKUP: 'off',
      ...env,
    });
    const own = new URL(this.app.url).host;
    nock.disableNetConnect();
    // Only the app itself is reachable; the serviceUrl, file hosts and Microsoft are nock'd or refused.
    nock.enableNetConnect((host) => host === own);
    nock.emitter.on('no match', this.onNoMatch);
  }

  private onNoMatch = (req: { href?: string; path?: string; hostname?: string; host?: string }) => {
    const where = req.href ?? `${req.host ?? req.hostname}${req.path}`;
    // nock reports requests to the app itself too (they pass through); only outbound ones are unexpected.
    if (!where.includes(new URL(this.app.url).host)) this.unexpected.push(where);
  };

  /** Catches everything the bot sends to the connector; `failFirst` answers the first call with that status. */
  catchReplies(failFirst?: number) {
    let calls = 0;
    const sent = this.sent;
    nock(SERVICE_URL)
      .persist()
      .post(/^\/v3\/conversations\/.+\/activities/)
      .reply((uri, body) => {
        calls += 1;
        if (failFirst && calls === 1) return [failFirst, { error: { code: 'Throttled', message: 'slow down' } }];
        sent.push({ path: decodeURIComponent(uri), body: body as Sent['body'] });
        return [200, { id: `reply-${calls}` }];
      });
    return () => calls;
  }

  /** Accepts card updates (PUT …/activities/<id>) the bot sends, recording them in the returned list. */
  catchUpdates(): Sent[] {
    const updates: Sent[] = [];
    nock(SERVICE_URL)
      .persist()
      .put(/^\/v3\/conversations\/.+\/activities\/.+/)
      .reply((uri, body) => {
        updates.push({ path: decodeURIComponent(uri), body: body as Sent['body'] });
        return [200, { id: 'updated' }];
      });
    return updates;
  }

  /** Posts an activity and returns the HTTP answer; replies go out after it, so this does not wait for them. */
  async ack(activity: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Resolves once every reply the bot has started is at the (nock'd) connector, or has failed. */
  settle() {
    return (this.app.frontDoors.find((d) => d.name === 'Teams') as TeamsFrontDoor).idle();
  }

  /** Posts an activity as Teams does and waits for the bot to finish replying to it. */
  async post(activity: unknown, headers: Record<string, string> = {}) {
    const res = await this.ack(activity, headers);
    await this.settle();
    return res;
  }

  async stop() {
    nock.emitter.removeListener('no match', this.onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
    await this.app?.close();
    this.sent = [];
    this.unexpected = [];
  }
}

export function cardOf(s: Sent | undefined) {
  const card = s?.body.attachments?.[0]?.content;
  if (!card) throw new Error('the reply has no card');
  return card as Record<string, unknown> & { body: unknown[] };
}
export const flat = (value: unknown) => JSON.stringify(value);
