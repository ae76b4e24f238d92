import { redactText } from '../core/index.js';
import type { Diagnosis } from '../core/types.js';
import type { Doctor } from '../doctor.js';
import type { Reminder } from './expiry.js';
import { isFailure, isSuccess, type LogRecord, RecordAssembler, subjectOf } from './records.js';
import type { Failure, WatchState } from './state.js';
import { Tail } from './tail.js';

// The watcher: reads the mail logs as they grow, diagnoses each failure as a paste would be, and tells the support
// channel the first time a failure shows (and when the handler works again). Repeats are counted, not posted; a
// muted failure is not posted; at most WATCH_MAX_POSTS_PER_HOUR posts an hour, then one summary line.

/** Somewhere to post: Slack, Teams. Each returns what it needs to find its post again (a message ts, an id). */
export interface Outlet {
  readonly name: string;
  post(f: Failure, d: Diagnosis): Promise<string | null>;
  reply(ref: string, text: string): Promise<void>;
  update(ref: string, f: Failure, d: Diagnosis): Promise<void>;
  note(text: string): Promise<void>;
  /** An expiry reminder, with its Acknowledge button. */
  remind(r: Reminder): Promise<void>;
}

/** One line per event for `--json` (cron, log shippers): never the log text itself, only what was found. */
export interface WatchEvent {
  event: 'failure' | 'repeat' | 'muted' | 'held-back' | 'recovered';
  at: string;
  log: string;
  rule: string;
  subject: string;
  count: number;
  title?: string;
}

export interface WatcherOptions {
  logs: string[];
  fromStart: boolean;
  repostHours: number;
  maxPostsPerHour: number;
  pollMs: number;
  doctor: Doctor;
  state: WatchState;
  outlets: Outlet[];
  warn(message: string, detail: object): void;
  onEvent?: (e: WatchEvent) => void;
  /** Each time the logs have been read up to their end (for /metrics). */
  onPolled?: (at: number) => void;
  now?: () => number;
}

/** How long a log stays quiet before the record it ended on is taken as complete. */
const SETTLE_MS = 100;
const HOUR = 60 * 60 * 1000;

export class Watcher {
  private readonly tails: { tail: Tail; records: RecordAssembler }[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: WatcherOptions) {
    this.now = options.now ?? Date.now;
    this.tails = options.logs.map((path) => ({
      tail: new Tail(path, options.state, {
        fromStart: options.fromStart,
        warn: (code, detail) => options.warn(`cannot read ${path}: ${detail}; trying again`, { log: path, code }),
      }),
      records: new RecordAssembler(),
    }));
  }

  /**
   * Starts watching. The first read is done before this resolves, so "from the end" means from when the watcher said
   * it was watching: a line written just after that is read, not skipped.
   */
  async start(): Promise<void> {
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.poll()
        .catch((err) => this.options.warn('the watcher hit a problem; carrying on', { err: String(err) }))
        .finally(() => {
          this.running = null;
          // A record still open (an ERROR whose stack trace may follow) is looked at again soon: once the log has been
          // quiet for SETTLE_MS it is complete, and waiting a whole poll for that would only delay the post.
          // A log that grew faster than one read takes (a burst of DEBUG lines) is read on at once: a failure
          // written after 100 MB of them waited 25 polls (12 s at the default 500 ms).
          const open = this.tails.some(({ records }) => records.pendingBytes > 0);
          const behind = this.tails.some(({ tail }) => tail.behind);
          const wait = behind ? 0 : open ? Math.min(SETTLE_MS, this.options.pollMs) : this.options.pollMs;
          if (!this.stopped) this.timer = setTimeout(tick, wait);
        });
      await this.running;
    };
    await tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    for (const { tail } of this.tails) await tail.close();
  }

  /** Reads what each log gained and deals with it. A record still open when a log goes quiet is complete. */
  async poll(): Promise<void> {
    for (const { tail, records } of this.tails) {
      const lines = await tail.poll();
      for (const line of lines) {
        const done = records.push(line.text, line.bytes);
        if (done) await this.handle(done, tail.path);
      }
      if (lines.length === 0) {
        const done = records.flush();
        if (done) await this.handle(done, tail.path);
      }
      await tail.commit(records.pendingBytes);
    }
    this.options.onPolled?.(this.now());
  }

  private async handle(record: LogRecord, log: string) {
    if (isSuccess(record)) return this.recovered(subjectOf(record.text), log);
    if (!isFailure(record)) return;
    const d = await this.options.doctor.text(record.text);
    const top = d.findings[0];
    if (!top) return;
    const subject = subjectOf(record.text);
    await this.failed(`${top.id}|${subject}`, top.id, subject, log, redactText(record.text), d);
  }

  private async failed(key: string, rule: string, subject: string, log: string, text: string, d: Diagnosis) {
    const { state, repostHours } = this.options;
    const now = this.now();
    const seen = await state.failure(key);
    const title = d.findings[0]?.title;
    if (seen?.mutedUntil && seen.mutedUntil > now) {
      await state.save({ ...seen, lastSeen: now, count: seen.count + 1 });
      return this.emit({ event: 'muted', log, rule, subject, count: seen.count + 1, title });
    }
    const fresh = !seen?.postedAt || now - seen.postedAt > repostHours * HOUR || !seen.open;
    if (!fresh && seen) {
      const f = { ...seen, lastSeen: now, count: seen.count + 1 };
      // The count is said in the thread at most once an hour.
      const sayCount = !f.countPostedAt || now - f.countPostedAt >= HOUR;
      const more = f.count - f.counted;
      if (sayCount) {
        f.countPostedAt = now;
        f.counted = f.count;
      }
      // Saved before posting, so an Acknowledge or Mute clicked while the reply is on its way is not overwritten.
      await state.save(f);
      if (sayCount) {
        const text = `Seen ${more} more time${more === 1 ? '' : 's'} since the last count (${f.count} in all).`;
        for (const outlet of this.options.outlets) {
          const ref = await state.ref(key, outlet.name);
          if (ref) await this.safely(outlet, () => outlet.reply(ref, text));
        }
      }
      return this.emit({ event: 'repeat', log, rule, subject, count: f.count, title });
    }
    // Seen before but never posted (held back, or every outlet was down): the count goes on, the post is tried again.
    const unposted = seen?.open && !seen.postedAt ? seen : null;
    const f: Failure = {
      key,
      rule,
      subject,
      log,
      text,
      firstSeen: unposted?.firstSeen ?? now,
      lastSeen: now,
      count: (unposted?.count ?? 0) + 1,
      postedAt: null,
      countPostedAt: now,
      counted: 1,
      open: true,
      recoveredAt: null,
      ackedBy: null,
      mutedUntil: null,
      mutedBy: null,
    };
    if (this.options.outlets.length > 0 && !(await state.takePost(now, this.options.maxPostsPerHour))) {
      await state.save(f);
      if (await state.holdBack(now)) {
        const note = `More failures than WATCH_MAX_POSTS_PER_HOUR (${this.options.maxPostsPerHour}) this hour: the rest are counted, not posted. See the log, or \`mailhandler-doctor report\`.`;
        for (const outlet of this.options.outlets) await this.safely(outlet, () => outlet.note(note));
      }
      return this.emit({ event: 'held-back', log, rule, subject, count: f.count, title });
    }
    f.postedAt = now;
    await state.save(f);
    let posted = this.options.outlets.length === 0;
    for (const outlet of this.options.outlets) {
      const ref = await this.safely(outlet, () => outlet.post(f, d));
      if (ref) await state.setRef(key, outlet.name, ref);
      posted ||= ref !== null;
    }
    // Nowhere took it (Slack down, Teams channel not known yet): the next occurrence tries again.
    if (!posted) await state.save({ ...((await state.failure(key)) ?? f), postedAt: null });
    this.emit({ event: 'failure', log, rule, subject, count: f.count, title });
  }

  private async recovered(subject: string, log: string) {
    const { state } = this.options;
    for (const f of await state.openFailures(log, subject)) {
      const now = this.now();
      const done = { ...f, open: false, recoveredAt: now };
      await state.save(done);
      const d = await this.options.doctor.text(f.text);
      for (const outlet of this.options.outlets) {
        const ref = await state.ref(f.key, outlet.name);
        if (!ref) continue;
        const who = f.subject ? ` ${f.subject}` : ' the mail handler';
        await this.safely(outlet, () =>
          outlet.reply(ref, `Recovered: the log shows${who} reading mail again (${new Date(now).toISOString()}).`),
        );
        await this.safely(outlet, () => outlet.update(ref, done, d));
      }
      this.emit({ event: 'recovered', log, rule: f.rule, subject: f.subject, count: f.count });
    }
  }

  private emit(e: Omit<WatchEvent, 'at'>) {
    this.options.onEvent?.({ ...e, at: new Date(this.now()).toISOString() });
  }

  /** A platform that is down loses that post, not the watcher. */
  private async safely<T>(outlet: Outlet, work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (err) {
      this.options.warn(`could not post to ${outlet.name}`, {
        err: String((err as Error)?.message ?? err).split('\n')[0],
      });
      return null;
    }
  }
}
