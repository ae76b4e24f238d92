import { isLogFileName, normalizeChat } from '../../src/chat/index.js';
import {
  type AnswerData,
  type FeedbackData,
  isAnswerData,
  isFeedbackData,
  isReminderData,
  isWatchData,
  type ReminderData,
  type WatchData,
} from './card.js';

// A Teams activity → what to do with it. Pure and SDK-free: the shape below is the Bot Framework Activity's, loosely.

export interface TeamsAttachment {
  contentType?: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
}

export interface ActivityLike {
  type?: string;
  id?: string;
  text?: string;
  value?: unknown;
  from?: { id?: string; name?: string; role?: string; aadObjectId?: string };
  /** For a card's button: the id of the message the card is in. */
  replyToId?: string;
  recipient?: { id?: string; name?: string };
  conversation?: { id?: string; conversationType?: string; isGroup?: boolean };
  channelData?: { channel?: { id?: string } };
  entities?: { type?: string; mentioned?: { id?: string }; text?: string }[];
  attachments?: TeamsAttachment[];
}

export type TeamsInput =
  | { kind: 'ignore'; reason: 'from-bot' | 'not-addressed' | 'not-top-level' | 'empty' }
  | { kind: 'help' }
  | { kind: 'diagnose'; text: string; auto: boolean }
  | { kind: 'tenant'; query: string }
  /** `text` is whatever was typed with the file ('' for none): it is diagnosed too, so a secret in it is caught. */
  | { kind: 'file'; name: string; url: string; text: string }
  | { kind: 'unsupported-file'; name: string; text: string }
  | { kind: 'answer'; data: AnswerData }
  /** A "Fixed it" / "Not it" / "Keep" click: `person` says who (one verdict each), `card` which message to update. */
  | { kind: 'feedback'; data: FeedbackData; person: string; card?: string }
  /** Acknowledge / Mute on a watcher's post. */
  | { kind: 'watch'; data: WatchData; person: string; card?: string }
  /** Acknowledge on an expiry reminder. */
  | { kind: 'reminder'; data: ReminderData; person: string; card?: string };

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const MENTION = /<at\b[^<>]{0,500}>[^<]{0,500}<\/at>/gi;

export interface InputOptions {
  /** Channel ids (19:…@thread.tacv2) where the bot reads every message, not only those that mention it. */
  autoReplyChannels: readonly string[];
}

export function isFromBot(a: ActivityLike): boolean {
  // Teams gives bots ids starting with "28:"; other channels set role.
  return a.from?.role === 'bot' || (a.from?.id ?? '').startsWith('28:');
}

export function scopeOf(a: ActivityLike): 'personal' | 'channel' | 'groupChat' {
  const type = a.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  if (type === 'personal') return 'personal';
  return a.conversation?.isGroup ? 'groupChat' : 'personal';
}

function mentionsBot(a: ActivityLike): boolean {
  const botId = a.recipient?.id;
  return (a.entities ?? []).some((e) => e.type === 'mention' && botId !== undefined && e.mentioned?.id === botId);
}

/** The channel an activity came from, whether it started a thread or replied in one. */
export function channelIdOf(a: ActivityLike): string | undefined {
  return a.channelData?.channel?.id ?? a.conversation?.id?.split(';')[0];
}

/** The message body, preferring Teams' HTML rendering when it sent one (code snippets keep their line breaks there). */
function rawBody(a: ActivityLike): string {
  const html = (a.attachments ?? []).find((x) => x.contentType === 'text/html' && typeof x.content === 'string');
  return (html?.content as string | undefined) ?? a.text ?? '';
}

/** Plain text of the message without @mentions; the core normalizes Teams HTML the same way when it diagnoses. */
export function plainText(raw: string): string {
  return normalizeChat(raw.replace(MENTION, ' ')).trim();
}

/** A top-level channel post, not a reply: Teams names a thread after its first message's id. */
export function isTopLevel(a: ActivityLike): boolean {
  return a.id !== undefined && a.id !== '' && (a.conversation?.id ?? '').endsWith(`;messageid=${a.id}`);
}

function fileAttachment(a: ActivityLike, text: string): TeamsInput | undefined {
  const file = (a.attachments ?? []).find((x) => x.contentType === FILE_DOWNLOAD_INFO);
  if (!file) return undefined;
  const content = (file.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
  // By name, not fileType: Teams gives atlassian-jira.log.1 the type "1".
  const name = file.name ?? (typeof content.fileType === 'string' ? `file.${content.fileType}` : 'the file');
  if (typeof content.downloadUrl !== 'string' || !isLogFileName(name)) return { kind: 'unsupported-file', name, text };
  return { kind: 'file', name, url: content.downloadUrl, text };
}

/** Decides what a message activity asks for: a command, a paste, a file, a button's answer, or nothing. */
export function toInput(a: ActivityLike, options: InputOptions): TeamsInput {
  if (isFromBot(a)) return { kind: 'ignore', reason: 'from-bot' };
  if (isAnswerData(a.value)) return { kind: 'answer', data: a.value };
  if (isWatchData(a.value)) {
    const person = a.from?.name ?? a.from?.aadObjectId ?? a.from?.id ?? 'someone';
    return { kind: 'watch', data: a.value, person, ...(a.replyToId ? { card: a.replyToId } : {}) };
  }
  if (isReminderData(a.value)) {
    const person = a.from?.name ?? a.from?.aadObjectId ?? a.from?.id ?? 'someone';
    return { kind: 'reminder', data: a.value, person, ...(a.replyToId ? { card: a.replyToId } : {}) };
  }
  if (isFeedbackData(a.value)) {
    const person = a.from?.aadObjectId ?? a.from?.id ?? '';
    return { kind: 'feedback', data: a.value, person, ...(a.replyToId ? { card: a.replyToId } : {}) };
  }
  const scope = scopeOf(a);
  let auto = false;
  if (scope !== 'personal' && !mentionsBot(a)) {
    const channel = channelIdOf(a);
    if (scope !== 'channel' || !channel || !options.autoReplyChannels.includes(channel)) {
      return { kind: 'ignore', reason: 'not-addressed' };
    }
    // Unasked answers go only under a thread's first post, never into someone's conversation further down.
    if (!isTopLevel(a)) return { kind: 'ignore', reason: 'not-top-level' };
    auto = true;
  }
  const text = plainText(rawBody(a));
  if (scope === 'personal') {
    const file = fileAttachment(a, text);
    if (file) return file;
  }
  if (auto) return text ? { kind: 'diagnose', text, auto } : { kind: 'ignore', reason: 'empty' };
  if (!text) return { kind: 'help' };
  const [first = '', ...rest] = text.split(/\s+/);
  const command = first.toLowerCase().replace(/^\//, '');
  const args = text.slice(text.indexOf(first) + first.length).trim();
  if (command === 'help' || command === '?')
    return rest.length === 0 ? { kind: 'help' } : { kind: 'diagnose', text, auto };
  if (command === 'tenant' && rest.length === 1) return { kind: 'tenant', query: args };
  if (command === 'tenant' && rest.length === 0) return { kind: 'help' };
  if (command === 'diagnose') return args ? { kind: 'diagnose', text: args, auto } : { kind: 'help' };
  return { kind: 'diagnose', text, auto };
}
