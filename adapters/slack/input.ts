import type { SlackFile } from './files.js';

// A Slack request → what it asks for. Pure and SDK-free: the shapes below are Slack's payloads, loosely.

export type SlashRequest =
  | { kind: 'diagnose'; text: string }
  | { kind: 'tenant'; query: string }
  | { kind: 'diagnose-usage' }
  | { kind: 'tenant-usage' }
  /** `unknown` when a word was given that is not a command; the word itself is never repeated (it may be a token). */
  | { kind: 'help'; unknown: boolean };

/** `/mailhandler <verb> <rest>`. */
export function parseCommand(text: string): SlashRequest {
  const trimmed = text.trim();
  const [sub = '', ...words] = trimmed.split(/\s+/);
  const rest = trimmed.slice(sub.length).trim();
  const verb = sub.toLowerCase();
  if (verb === 'diagnose') return rest ? { kind: 'diagnose', text: rest } : { kind: 'diagnose-usage' };
  if (verb === 'tenant') return words[0] ? { kind: 'tenant', query: words[0] } : { kind: 'tenant-usage' };
  return { kind: 'help', unknown: verb !== '' && verb !== 'help' };
}

/** The message without the bot's @mention (`<@U…>`), or without a leading mention when the bot's id is unknown. */
export const stripMention = (text: string, botUserId: string | undefined) =>
  (botUserId ? text.replaceAll(`<@${botUserId}>`, '') : text.replace(/^\s*<@[A-Z0-9]+>/, '')).trim();

/** One answer per user message: Slack's retries and the twin `message`/`app_mention` events share channel and ts. */
export const messageKey = (channel: string, ts: string) => `${channel}:${ts}`;

export interface SlackMessage {
  subtype?: string;
  bot_id?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  files?: SlackFile[];
  edited?: unknown;
  user?: string;
}

export interface Addressed {
  where: { channel: string; thread_ts: string };
  text: string;
  files: SlackFile[];
  /** An unasked answer in a support channel: only when the bot is sure, and quietly otherwise. */
  auto: boolean;
}

/** A `message` event the bot should answer, or null: DMs always, support channels only for new top-level posts. */
export function addressedMessage(
  m: SlackMessage,
  botUserId: string | undefined,
  autoChannels: ReadonlySet<string>,
): Addressed | null {
  if (m.bot_id || m.edited || (m.subtype && m.subtype !== 'file_share')) return null;
  const text = m.text ?? '';
  const dm = m.channel_type === 'im';
  if (!dm) {
    // An @mention is answered by app_mention; elsewhere only new top-level posts in support channels.
    if (botUserId && text.includes(`<@${botUserId}>`)) return null;
    if (!autoChannels.has(m.channel) || m.thread_ts || m.subtype) return null;
  }
  return {
    where: { channel: m.channel, thread_ts: m.thread_ts ?? m.ts },
    text: stripMention(text, botUserId),
    files: m.files ?? [],
    auto: !dm,
  };
}

/** An `app_mention` event the bot should answer, or null (its own posts, edits and other subtypes). */
export function addressedMention(m: SlackMessage, botUserId: string | undefined): Addressed | null {
  // Slack re-sends an edited mention with `edited`; the original was already answered.
  if (m.bot_id || m.subtype || m.edited) return null;
  return {
    where: { channel: m.channel, thread_ts: m.thread_ts ?? m.ts },
    text: stripMention(m.text ?? '', botUserId),
    files: m.files ?? [],
    auto: false,
  };
}

export interface ButtonValue {
  /** Id of the stored (redacted) paste. */
  p: string;
  /** The answer text a question button adds. */
  a?: string;
}

/** A button's value as we wrote it, or null for anything else. */
export function parseButtonValue(raw: string | undefined): ButtonValue | null {
  try {
    const v = JSON.parse(raw ?? '') as ButtonValue;
    return typeof v.p === 'string' ? v : null;
  } catch {
    return null;
  }
}
