import type { Store } from '../store/db.js';
import type { Offset, OffsetStore } from './tail.js';

// What the watcher remembers across restarts, in the shared database: where each log was read up to, each failure it
// saw (posted when, counted how often, acknowledged or muted by whom), where it posted it, and how many posts this
// hour. Also the Teams channels the bot may post to (kept when it is added to one or mentioned there).

export interface Failure {
  key: string;
  rule: string;
  subject: string;
  log: string;
  /** The record that showed it, redacted: what the post is drawn from again. */
  text: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
  postedAt: number | null;
  /** When the count was last said in the thread, and what it was. */
  countPostedAt: number | null;
  counted: number;
  open: boolean;
  recoveredAt: number | null;
  ackedBy: string | null;
  mutedUntil: number | null;
  mutedBy: string | null;
}

interface FailureRow {
  key: string;
  rule: string;
  subject: string;
  log: string;
  text: string;
  first_seen: number;
  last_seen: number;
  count: number;
  posted_at: number | null;
  count_posted_at: number | null;
  counted: number;
  open: number;
  recovered_at: number | null;
  acked_by: string | null;
  muted_until: number | null;
  muted_by: string | null;
}

const toFailure = (r: FailureRow): Failure => ({
  key: r.key,
  rule: r.rule,
  subject: r.subject,
  log: r.log,
  text: r.text,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  count: r.count,
  postedAt: r.posted_at,
  countPostedAt: r.count_posted_at,
  counted: r.counted,
  open: r.open === 1,
  recoveredAt: r.recovered_at,
  ackedBy: r.acked_by,
  mutedUntil: r.muted_until,
  mutedBy: r.muted_by,
});

/**
 * The same state in memory, written through on every change: when the database cannot be used (locked, full,
 * read-only) the watcher still dedupes, counts and limits for as long as it runs, instead of posting every repeat.
 */
class Memory {
  readonly offsets = new Map<string, Offset>();
  readonly failures = new Map<string, Failure>();
  readonly refs = new Map<string, string>();
  posts: number[] = [];
  readonly summarized = new Set<number>();
}

export class WatchState implements OffsetStore {
  private readonly memory = new Memory();

  constructor(private readonly store: Store) {}

  get(path: string): Offset | null {
    return this.store.read('read where a log was read up to', this.memory.offsets.get(path) ?? null, (db) => {
      const row = db.prepare('SELECT inode, offset FROM watch_offsets WHERE path = ?').get(path) as Offset | undefined;
      return row ?? null;
    });
  }

  set(path: string, offset: Offset): void {
    this.memory.offsets.set(path, offset);
    this.store.write('keep where a log was read up to', (db) => {
      db.prepare(
        `INSERT INTO watch_offsets (path, inode, offset, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET inode = excluded.inode, offset = excluded.offset, at = excluded.at`,
      ).run(path, offset.inode, offset.offset, Date.now());
    });
  }

  failure(key: string): Failure | null {
    return this.store.read('read a failure', this.memory.failures.get(key) ?? null, (db) => {
      const row = db.prepare('SELECT * FROM watch_failures WHERE key = ?').get(key) as FailureRow | undefined;
      return row ? toFailure(row) : null;
    });
  }

  /** Failures still open (posted, not recovered) that a success line for `subject` in `log` ends. */
  openFailures(log: string, subject: string): Failure[] {
    const remembered = [...this.memory.failures.values()].filter(
      (f) => f.open && f.postedAt !== null && f.log === log && (f.subject === subject || !f.subject || !subject),
    );
    return this.store.read('read open failures', remembered, (db) =>
      (
        db
          .prepare(
            `SELECT * FROM watch_failures WHERE open = 1 AND posted_at IS NOT NULL AND log = ?
             AND (subject = ? OR subject = '' OR ? = '')`,
          )
          .all(log, subject, subject) as FailureRow[]
      ).map(toFailure),
    );
  }

  save(f: Failure): void {
    this.memory.failures.set(f.key, f);
    this.store.write('keep a failure', (db) => {
      db.prepare(
        `INSERT INTO watch_failures (key, rule, subject, log, text, first_seen, last_seen, count, posted_at,
           count_posted_at, counted, open, recovered_at, acked_by, muted_until, muted_by)
         VALUES (@key, @rule, @subject, @log, @text, @firstSeen, @lastSeen, @count, @postedAt, @countPostedAt, @counted,
           @open, @recoveredAt, @ackedBy, @mutedUntil, @mutedBy)
         ON CONFLICT (key) DO UPDATE SET rule = excluded.rule, subject = excluded.subject, log = excluded.log,
           text = excluded.text, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
           count = excluded.count, posted_at = excluded.posted_at, count_posted_at = excluded.count_posted_at,
           counted = excluded.counted, open = excluded.open, recovered_at = excluded.recovered_at,
           acked_by = excluded.acked_by, muted_until = excluded.muted_until, muted_by = excluded.muted_by`,
      ).run({ ...f, open: f.open ? 1 : 0 });
    });
  }

  ref(key: string, outlet: string): string | null {
    return this.store.read(
      'read where a failure was posted',
      this.memory.refs.get(`${key}\n${outlet}`) ?? null,
      (db) => {
        const row = db.prepare('SELECT ref FROM watch_refs WHERE key = ? AND channel = ?').get(key, outlet) as
          | { ref: string }
          | undefined;
        return row?.ref ?? null;
      },
    );
  }

  setRef(key: string, outlet: string, ref: string): void {
    this.memory.refs.set(`${key}\n${outlet}`, ref);
    this.store.write('keep where a failure was posted', (db) => {
      db.prepare(
        `INSERT INTO watch_refs (key, channel, ref) VALUES (?, ?, ?)
         ON CONFLICT (key, channel) DO UPDATE SET ref = excluded.ref`,
      ).run(key, outlet, ref);
    });
  }

  /** Counts a top-level post against the hourly limit; false (and the post is not made) past `limit`. */
  takePost(now: number, limit: number): boolean {
    this.memory.posts = this.memory.posts.filter((at) => at > now - 60 * 60 * 1000);
    const allowedHere = this.memory.posts.length < limit;
    if (allowedHere) this.memory.posts.push(now);
    let allowed = false;
    const written = this.store.write('count a post', (db) => {
      db.prepare('DELETE FROM watch_posts WHERE at < ?').run(now - 24 * 60 * 60 * 1000);
      const n = (
        db.prepare('SELECT count(*) AS n FROM watch_posts WHERE at > ?').get(now - 60 * 60 * 1000) as { n: number }
      ).n;
      allowed = n < limit;
      if (allowed) db.prepare('INSERT INTO watch_posts (at) VALUES (?)').run(now);
    });
    return written ? allowed : allowedHere;
  }

  /** Notes a post held back this hour; true the first time in the hour (when the one summary line is due). */
  holdBack(now: number): boolean {
    const hour = Math.floor(now / (60 * 60 * 1000));
    const firstHere = !this.memory.summarized.has(hour);
    this.memory.summarized.add(hour);
    let first = false;
    const written = this.store.write('count a held-back post', (db) => {
      const row = db.prepare('SELECT suppressed, summarized FROM watch_hours WHERE hour = ?').get(hour) as
        | { suppressed: number; summarized: number }
        | undefined;
      first = !row || row.summarized === 0;
      db.prepare(
        `INSERT INTO watch_hours (hour, suppressed, summarized) VALUES (?, 1, 1)
         ON CONFLICT (hour) DO UPDATE SET suppressed = suppressed + 1, summarized = 1`,
      ).run(hour);
    });
    return written ? first : firstHere;
  }

  /** Someone took the failure: kept, so the post shows who. */
  acknowledge(key: string, by: string): Failure | null {
    const f = this.failure(key);
    if (!f) return null;
    if (!f.ackedBy) this.save({ ...f, ackedBy: by });
    return this.failure(key);
  }

  /** No posts for the failure until `until`. */
  mute(key: string, by: string, until: number): Failure | null {
    const f = this.failure(key);
    if (!f) return null;
    this.save({ ...f, mutedUntil: until, mutedBy: by });
    return this.failure(key);
  }

  teamsChannel(channel: string): Record<string, unknown> | null {
    return this.store.read('read a Teams channel', null, (db) => {
      const row = db.prepare('SELECT reference FROM teams_channels WHERE channel = ?').get(channel) as
        | { reference: string }
        | undefined;
      return row ? (JSON.parse(row.reference) as Record<string, unknown>) : null;
    });
  }

  setTeamsChannel(channel: string, reference: Record<string, unknown>): void {
    this.store.write('keep a Teams channel', (db) => {
      db.prepare(
        `INSERT INTO teams_channels (channel, reference, at) VALUES (?, ?, ?)
         ON CONFLICT (channel) DO UPDATE SET reference = excluded.reference, at = excluded.at`,
      ).run(channel, JSON.stringify(reference), Date.now());
    });
  }
}
