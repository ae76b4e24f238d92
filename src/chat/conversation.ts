import type { AppContext } from '../context.js';
import { redactText } from '../core/index.js';
import type { Diagnosis } from '../core/types.js';
import { type FeedbackState, keepPaste, recordFeedback } from '../learn/feedback.js';
import { recordAnswer } from '../learn/record.js';
import { type Platform, StateUnavailable } from '../store/port.js';
import { acknowledgeReminder, type Reminder } from '../watch/expiry.js';
import { type Failure, WatchState } from '../watch/state.js';
import { diagnoseChatFile } from './files.js';
import { autoReplyView, isLogFileName, shouldAutoReply } from './policy.js';
import { TtlLru } from './store.js';

// The conversation, decided once for every chat platform: a neutral input in (a message with its text and files,
// a button), neutral replies out. What is kept and for how long, which message is answered once, which thread gets
// an unasked answer, how text sent beside a file is read: all here. The adapters verify, parse, draw and send.

export type { Platform } from '../store/port.js';

/** A shared file: its name when the platform said it, and how to read it (or a sentence saying why it cannot be). */
export interface ChatFile {
  name?: string;
  /** Whether the platform says it is text (a Slack text snippet is, whatever its name); else judged by its name. */
  readable?: boolean;
  open(): Promise<{ name: string; bytes: AsyncIterable<Uint8Array> } | string>;
}

export type ChatInput =
  | {
      kind: 'message';
      /** The platform's id for this message: a retry, a redelivery or a twin event carries the same one. */
      id?: string;
      /** The thread an unasked answer would go to: one per thread. */
      thread: string;
      text: string;
      files: ChatFile[];
      /** Unasked: a support channel the bot reads without being mentioned. */
      auto: boolean;
    }
  | { kind: 'question'; pasteId: string; answer: string }
  | { kind: 'share'; pasteId: string }
  | {
      kind: 'feedback';
      verdict: 'fixed' | 'not-it' | 'keep';
      answerId: string;
      rule: string;
      person: string;
      /** The platform does not send the answer back with the click: draw it again from the kept paste. */
      redraw: boolean;
    }
  | { kind: 'watch'; action: 'ack' | 'mute'; key: string; person: string }
  /** Acknowledge on an expiry reminder. */
  | { kind: 'reminder'; key: string; person: string };

/** An answer going out: the diagnosis shown, the id its question buttons re-run, the id feedback is recorded on. */
export interface Answer {
  diagnosis: Diagnosis;
  pasteId: string;
  answerId?: string;
  /** What it answers, when a message had several parts: a file's name, or 'Your message'. */
  label?: string;
}

export type Sentence = 'how-to' | 'expired' | 'unavailable' | 'untracked' | 'file';

export type ChatReply =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'say'; what: Sentence; text: string }
  | { kind: 'feedback'; state: FeedbackState; redrawn?: Answer }
  | { kind: 'watch'; failure: Failure; diagnosis: Diagnosis; muted: boolean }
  | { kind: 'reminder'; reminder: Reminder };

/** One answer per message for this long: platforms retry for minutes, not hours. */
export const MESSAGE_CLAIM_MS = 60 * 60 * 1000;
/** An unasked answer at most once per thread in this time. */
export const THREAD_CLAIM_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many files of one message are read. */
export const FILES_PER_MESSAGE = 3;

export const SENTENCES: Record<Exclude<Sentence, 'file' | 'how-to'>, string> = {
  expired: 'That answer is too old for me to re-run (I keep pastes for a day, without secrets). Paste the error again.',
  unavailable:
    'The shared store is not reachable right now, so I cannot re-run that answer. Try again in a minute, or paste the error again.',
  untracked: 'That is no longer tracked here.',
};

const say = (what: Sentence, text = ''): ChatReply => ({
  kind: 'say',
  what,
  text: what === 'file' || what === 'how-to' ? text : SENTENCES[what],
});

/** What a file that is not a log gets (an adapter that learns the name late says it too). */
export const notALogFile = (name: string) =>
  `I can read .log, .txt, .out and .gz files, rotated ones too (atlassian-jira.log.1). "${name}" is not one of them: attach the log file itself, or paste its ERROR lines.`;

/** A file is read when the platform says it is text, or its name is a log's; an unnamed one is looked at. */
const isReadable = (f: ChatFile) => f.readable ?? (f.name === undefined || isLogFileName(f.name));

export class Conversation {
  /** Claims made while the shared store was down: this replica still answers once. */
  private readonly localClaims = new TtlLru<true>(10_000, MESSAGE_CLAIM_MS);

  constructor(
    private readonly ctx: AppContext,
    readonly platform: Platform,
  ) {}

  handle(input: ChatInput): Promise<ChatReply[]> {
    switch (input.kind) {
      case 'message':
        return this.message(input);
      case 'question':
        return this.question(input.pasteId, input.answer);
      case 'share':
        return this.share(input.pasteId);
      case 'feedback':
        return this.feedback(input);
      case 'watch':
        return this.watch(input);
      case 'reminder':
        return this.reminder(input.key, input.person);
    }
  }

  /** True for the first replica to see this message; a shared store that is down does not silence the bot. */
  async firstTime(key: string, ttlMs = MESSAGE_CLAIM_MS): Promise<boolean> {
    const scoped = `claim:${this.platform}:${key}`;
    try {
      return await this.ctx.state.claim(scoped, ttlMs);
    } catch (err) {
      if (!(err instanceof StateUnavailable)) throw err;
      return this.localClaims.claim(scoped, true);
    }
  }

  /**
   * A channel the bot was added to or mentioned in: Teams only lets a bot post where it has been, so the watch
   * channel's reference is kept (in the shared state, for whichever replica watches). No other channel is kept.
   */
  async rememberChannel(channel: string, reference: Record<string, unknown>): Promise<void> {
    if (channel !== this.ctx.config.WATCH_TEAMS_CHANNEL) return;
    await new WatchState(this.ctx.state).setTeamsChannel(channel, reference).catch(() => {});
  }

  private diagnose(text: string): Promise<Diagnosis> {
    return this.ctx.doctor.text(text, { maxBytes: this.ctx.config.maxUploadBytes });
  }

  /** Recorded (LEARN) and kept under the answer's id, so every button works on any replica for a day. */
  private async answer(shown: Diagnosis, redacted: string, label?: string): Promise<Answer> {
    const answerId = await recordAnswer(this.ctx, this.platform, shown, redacted);
    const pasteId = answerId ?? (await this.ctx.pastes.put(redacted));
    return { diagnosis: shown, pasteId, answerId, label };
  }

  /** A kept paste, or the sentence that says why it cannot be had. */
  private async paste(id: string): Promise<string | ChatReply> {
    try {
      return (await this.ctx.pastes.get(id)) ?? say('expired');
    } catch (err) {
      if (err instanceof StateUnavailable) return say('unavailable');
      throw err;
    }
  }

  private async message(input: Extract<ChatInput, { kind: 'message' }>): Promise<ChatReply[]> {
    if (input.id !== undefined && !(await this.firstTime(`message:${input.id}`))) return [];
    const { text, auto } = input;
    const view = (d: Diagnosis) => (auto ? autoReplyView(d) : d);
    // Only what is sure of itself is said unasked, and once per thread (claimed once the answer is worth it).
    const unasked = async (d: Diagnosis) =>
      !auto || (shouldAutoReply(d) && (await this.firstTime(`thread:${input.thread}`, THREAD_CLAIM_MS)));
    // A screenshot next to a pasted error: answer the paste rather than complain about the picture.
    const readable = input.files.filter(isReadable);
    const files = (readable.length > 0 || !text.trim() ? input.files : []).slice(0, FILES_PER_MESSAGE);
    if (files.length === 0) {
      if (!text.trim()) return auto ? [] : [say('how-to')];
      // Only what is answered is recorded: chatter in a support channel that gets no reply is not kept.
      const d = await this.diagnose(text);
      if (!(await unasked(d))) return [];
      return [{ kind: 'answer', answer: await this.answer(view(d), redactText(text)) }];
    }
    const out: ChatReply[] = [];
    for (const file of files) {
      const read = await this.readFile(file);
      if (typeof read === 'string') {
        if (!auto) out.push(say('file', read));
        continue;
      }
      if (!read.ok) {
        if (!auto) out.push(say('file', read.message));
        continue;
      }
      if (!(await unasked(read.diagnosis))) continue;
      out.push({ kind: 'answer', answer: await this.answer(view(read.diagnosis), read.paste, read.name) });
    }
    // The text beside the files is read too, so a secret typed there still gets the delete-and-rotate warning.
    if (!text.trim()) return out;
    const d = await this.diagnose(text);
    const secret = d.secrets.length > 0;
    // In a support channel a secret alone only earns a warning where the bot is already answering.
    const worth = auto ? shouldAutoReply(d) || (out.length > 0 && secret) : secret || d.findings.length > 0;
    if (worth) out.push({ kind: 'answer', answer: await this.answer(view(d), redactText(text), 'Your message') });
    return out;
  }

  private async readFile(file: ChatFile) {
    if (file.name !== undefined && !isReadable(file)) return notALogFile(file.name);
    const opened = await file.open();
    if (typeof opened === 'string') return opened;
    return diagnoseChatFile(this.ctx.doctor, opened.name, opened.bytes, this.ctx.config.maxUploadBytes);
  }

  private async question(pasteId: string, answer: string): Promise<ChatReply[]> {
    const paste = await this.paste(pasteId);
    if (typeof paste !== 'string') return [paste];
    const text = `${paste}\n${answer}`;
    return [{ kind: 'answer', answer: await this.answer(await this.diagnose(text), redactText(text)) }];
  }

  /** The same answer again, for the channel to see; its feedback counts for the answer already recorded. */
  private async share(pasteId: string): Promise<ChatReply[]> {
    const paste = await this.paste(pasteId);
    if (typeof paste !== 'string') return [paste];
    const answerId = this.ctx.learner.on ? pasteId : undefined;
    return [{ kind: 'answer', answer: { diagnosis: await this.diagnose(paste), pasteId, answerId } }];
  }

  private async feedback(input: Extract<ChatInput, { kind: 'feedback' }>): Promise<ChatReply[]> {
    const { answerId, rule, person, verdict } = input;
    const state =
      verdict === 'keep'
        ? await keepPaste(this.ctx, this.platform, answerId)
        : await recordFeedback(this.ctx, this.platform, { answerId, rule, person, verdict });
    if (!input.redraw) return [{ kind: 'feedback', state }];
    const paste = await this.paste(answerId);
    if (typeof paste !== 'string') return [{ kind: 'feedback', state }];
    const redrawn = { diagnosis: await this.diagnose(paste), pasteId: answerId, answerId };
    return [{ kind: 'feedback', state, redrawn }];
  }

  /** Acknowledge on an expiry reminder: kept in the shared state, and the reminder drawn again with who took it. */
  private async reminder(key: string, person: string): Promise<ChatReply[]> {
    try {
      const r = await acknowledgeReminder(this.ctx.state, key, person);
      return r ? [{ kind: 'reminder', reminder: r }] : [say('untracked')];
    } catch (err) {
      if (err instanceof StateUnavailable) return [say('unavailable')];
      throw err;
    }
  }

  /** Acknowledge or Mute on a watch post: kept in the shared state, and the post drawn again. */
  private async watch(input: Extract<ChatInput, { kind: 'watch' }>): Promise<ChatReply[]> {
    const watch = new WatchState(this.ctx.state);
    let f: Failure | null;
    try {
      f =
        input.action === 'mute'
          ? await watch.mute(input.key, input.person)
          : await watch.acknowledge(input.key, input.person);
    } catch (err) {
      if (err instanceof StateUnavailable) return [say('unavailable')];
      throw err;
    }
    if (!f) return [say('untracked')];
    return [{ kind: 'watch', failure: f, diagnosis: await this.diagnose(f.text), muted: input.action === 'mute' }];
  }
}
