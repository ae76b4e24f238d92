import { webApi } from '@slack/bolt';
import {
  ACKNOWLEDGE_LABEL,
  type Diagnosis,
  type Failure,
  MUTE_LABEL,
  type Outlet,
  type Reminder,
  reminderStatus,
  watchButtons,
  watchStatus,
  watchTitle,
  watchWhere,
} from '../../src/chat/index.js';
import { escapeMrkdwn, LIMITS, toBlockKit } from './blocks.js';
import { slackTuning } from './respond.js';

// The watcher's posts in a Slack channel: the answer a paste would get, headed "Incoming mail started failing", with
// Acknowledge and Mute 24 h buttons; thread replies for counts and recovery; updates in place.

export const WATCH_ACTION = { ack: 'mh_watch_ack', mute: 'mh_watch_mute', reminder: 'mh_expiry_ack' } as const;

type Block = Record<string, unknown>;

const who = (id: string) => (/^[UW][A-Z0-9]{2,20}$/.test(id) ? `<@${id}>` : escapeMrkdwn(id));

/** A watch post: the heading, when and where it was first seen, the answer, and what people did about it. */
export function watchMessage(f: Failure, d: Diagnosis, now = Date.now()): { text: string; blocks: Block[] } {
  const title = watchTitle(f);
  const where = watchWhere(f, (log) => `\`${log}\``, escapeMrkdwn);
  const head: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: where }] },
  ];
  const status = watchStatus(f, who, now);
  const tail: Block[] = [];
  if (status.length) tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: status.join(' · ') }] });
  const offer = watchButtons(f, now);
  const buttons: Block[] = [];
  if (offer.acknowledge) {
    buttons.push({
      type: 'button',
      action_id: WATCH_ACTION.ack,
      text: { type: 'plain_text', text: ACKNOWLEDGE_LABEL },
      style: 'primary',
      value: f.key,
    });
  }
  if (offer.mute) {
    buttons.push({
      type: 'button',
      action_id: WATCH_ACTION.mute,
      text: { type: 'plain_text', text: MUTE_LABEL },
      value: f.key,
    });
  }
  if (buttons.length) tail.push({ type: 'actions', block_id: 'watch', elements: buttons });
  const answer = toBlockKit(d);
  const body = answer.blocks.slice(0, LIMITS.blocks - head.length - tail.length) as Block[];
  return { text: `${title}: ${answer.text}`, blocks: [...head, ...body, ...tail] };
}

/** An expiry reminder: its words, then Acknowledge, or who acknowledged it. */
export function reminderMessage(r: Reminder): { text: string; blocks: Block[] } {
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:alarm_clock: ${escapeMrkdwn(r.text)}` } },
  ];
  const status = reminderStatus(r.ackedBy, who);
  if (status) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: status }] });
  else {
    blocks.push({
      type: 'actions',
      block_id: 'reminder',
      elements: [
        {
          type: 'button',
          action_id: WATCH_ACTION.reminder,
          text: { type: 'plain_text', text: ACKNOWLEDGE_LABEL },
          style: 'primary',
          value: r.key,
        },
      ],
    });
  }
  return { text: r.text, blocks };
}

/** Posts to one channel with the bot token (SLACK_API_URL where set). */
export function slackWatchOutlet(options: { token: string; channel: string; apiUrl?: string }): Outlet {
  const client = new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: slackTuning.retryConfig,
    // A Slack that never answers must not hold the watcher's reading up: give up on a call after 10 s.
    timeout: 10_000,
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      setLevel() {},
      getLevel: () => webApi.LogLevel.ERROR,
      setName() {},
    },
  });
  const channel = options.channel;
  return {
    name: 'slack',
    async post(f, d) {
      const res = await client.chat.postMessage({ channel, ...watchMessage(f, d) });
      return res.ts ?? null;
    },
    async reply(ref, text) {
      await client.chat.postMessage({ channel, thread_ts: ref, text });
    },
    async update(ref, f, d) {
      await client.chat.update({ channel, ts: ref, ...watchMessage(f, d) });
    },
    async note(text) {
      await client.chat.postMessage({ channel, text });
    },
    async remind(r) {
      await client.chat.postMessage({ channel, ...reminderMessage(r) });
    },
  };
}
