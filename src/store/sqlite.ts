import type { Diagnosis } from '../core/types.js';
import { DAY_MS, dayOf, feedbackCount, reportFromDays } from './day-counts.js';
import type { Database, Statement, Store } from './db.js';
import { MemoryState } from './memory.js';
import type { Door, LearningRecords, Report, StatePort, UnknownPaste, UnknownReport, Verdict } from './port.js';

// The state port in the embedded database (one process, or a few on one machine sharing DATA_DIR: the `watch`
// command beside `npm start`). When the file cannot be used, each call falls back to memory and the bot carries on.

const MISS = Symbol('miss');
/** Keeps a value, replacing what the key held (set, and a lease taken or renewed). */
const PUT =
  'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires';

/**
 * Each statement compiled once per database. A statement prepared per call holds native memory that V8 does not
 * see, freed only when its small JS wrapper happens to be collected: the server's memory grew about 3 MB per
 * thousand answers that way.
 */
const statements = new WeakMap<Database, Map<string, Statement>>();
function prepared(db: Database, sql: string): Statement {
  const mine = statements.get(db) ?? new Map<string, Statement>();
  statements.set(db, mine);
  const statement = mine.get(sql) ?? db.prepare(sql);
  mine.set(sql, statement);
  return statement;
}

export class SqliteState implements StatePort {
  readonly kind = 'sqlite' as const;
  readonly where: string;
  readonly learning: SqliteLearning;
  private readonly memory: MemoryState;
  private swept = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    this.where = store.options.dir;
    this.memory = new MemoryState(now);
    this.learning = new SqliteLearning(store);
  }

  async get(key: string) {
    const hit = this.read('read a value', (db) => {
      const row = prepared(db, 'SELECT value, expires FROM kv WHERE key = ?').get(key) as
        | { value: string; expires: number | null }
        | undefined;
      return row && (row.expires === null || row.expires > this.now()) ? row.value : null;
    });
    return hit === MISS ? this.memory.get(key) : hit;
  }

  async set(key: string, value: string, ttlMs?: number) {
    const expires = ttlMs === undefined ? null : this.now() + ttlMs;
    const ok = this.store.write('keep a value', (db) => {
      prepared(db, PUT).run(key, value, expires);
      this.sweep(db);
    });
    if (!ok) await this.memory.set(key, value, ttlMs);
  }

  async delete(key: string) {
    if (!this.store.write('delete a value', (db) => prepared(db, 'DELETE FROM kv WHERE key = ?').run(key))) {
      await this.memory.delete(key);
    }
  }

  async claim(key: string, ttlMs: number) {
    let claimed = false;
    const now = this.now();
    const ok = this.store.write('claim a key', (db) => {
      prepared(db, 'DELETE FROM kv WHERE key = ? AND expires <= ?').run(key, now);
      claimed =
        prepared(db, 'INSERT OR IGNORE INTO kv (key, value, expires) VALUES (?, ?, ?)').run(key, '1', now + ttlMs)
          .changes > 0;
    });
    return ok ? claimed : this.memory.claim(key, ttlMs);
  }

  async take(key: string, limit: number, windowMs: number, now: number) {
    let allowed = false;
    const ok = this.store.write('count in a window', (db) => {
      prepared(db, 'DELETE FROM kv_windows WHERE key = ? AND at <= ?').run(key, now - windowMs);
      const n = (prepared(db, 'SELECT count(*) AS n FROM kv_windows WHERE key = ?').get(key) as { n: number }).n;
      allowed = n < limit;
      if (allowed) prepared(db, 'INSERT INTO kv_windows (key, at) VALUES (?, ?)').run(key, now);
    });
    return ok ? allowed : this.memory.take(key, limit, windowMs, now);
  }

  async lease(name: string, holder: string, ttlMs: number) {
    let held = false;
    const now = this.now();
    const ok = this.store.write('take a lease', (db) => {
      const row = prepared(db, 'SELECT value, expires FROM kv WHERE key = ?').get(`lease:${name}`) as
        | { value: string; expires: number }
        | undefined;
      held = !row || row.value === holder || row.expires <= now;
      if (held) {
        prepared(db, PUT).run(`lease:${name}`, holder, now + ttlMs);
      }
    });
    return ok ? held : this.memory.lease(name, holder, ttlMs);
  }

  async release(name: string, holder: string) {
    const ok = this.store.write('give a lease up', (db) =>
      prepared(db, 'DELETE FROM kv WHERE key = ? AND value = ?').run(`lease:${name}`, holder),
    );
    if (!ok) await this.memory.release(name, holder);
  }

  async add(set: string, member: string) {
    const ok = this.store.write('add to a set', (db) =>
      prepared(db, 'INSERT OR IGNORE INTO kv_sets (name, member) VALUES (?, ?)').run(set, member),
    );
    if (!ok) await this.memory.add(set, member);
  }

  async remove(set: string, member: string) {
    const ok = this.store.write('remove from a set', (db) =>
      prepared(db, 'DELETE FROM kv_sets WHERE name = ? AND member = ?').run(set, member),
    );
    if (!ok) await this.memory.remove(set, member);
  }

  async members(set: string) {
    const found = this.read('read a set', (db) =>
      (prepared(db, 'SELECT member FROM kv_sets WHERE name = ?').all(set) as { member: string }[]).map((r) => r.member),
    );
    return found === MISS ? this.memory.members(set) : found;
  }

  async connected(_ms: number) {}

  async problem() {
    return null;
  }

  async close() {
    this.store.close();
  }

  private read<T>(what: string, work: (db: Database) => T): T | typeof MISS {
    return this.store.read<T | typeof MISS>(what, MISS, work);
  }

  /** Expired values are deleted now and then, so kept pastes do not pile up on disk. */
  private sweep(db: Database) {
    const now = this.now();
    if (now - this.swept < 60_000) return;
    this.swept = now;
    prepared(db, 'DELETE FROM kv WHERE expires <= ?').run(now);
  }
}

/** The learning records as rows (answers, answer_findings, feedback, unknowns), counted with SQL for the report. */
class SqliteLearning implements LearningRecords {
  constructor(private readonly store: Store) {}

  async answered(id: string, at: number, door: Door, d: Diagnosis, unknown: UnknownPaste | null) {
    this.store.write('record an answer', (db) => {
      prepared(db, 'INSERT INTO answers (id, at, door) VALUES (?, ?, ?)').run(id, at, door);
      const finding = prepared(db, 'INSERT OR IGNORE INTO answer_findings (answer_id, rule, rank) VALUES (?, ?, ?)');
      for (const [rank, f] of d.findings.entries()) finding.run(id, f.id, rank);
      if (unknown) upsertUnknown(db, unknown, at);
    });
  }

  async feedback(input: { answerId: string; rule: string; person: string; verdict: Verdict; door: Door; at: number }) {
    let result: 'recorded' | 'already' | null = null;
    this.store.write('record feedback', (db) => {
      const changes = db
        .prepare(
          'INSERT OR IGNORE INTO feedback (answer_id, person, rule, verdict, door, at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(input.answerId, input.person, input.rule, input.verdict, input.door, input.at).changes;
      result = changes > 0 ? 'recorded' : 'already';
    });
    if (!result) throw new Error('the database could not take the feedback');
    return result;
  }

  async unknown(paste: UnknownPaste, at: number) {
    this.store.write('keep a paste', (db) => upsertUnknown(db, paste, at));
  }

  async report(since: number, days: number, unknownLimit: number): Promise<Report> {
    const empty = (unavailable: string): Report => ({
      since: new Date(since).toISOString(),
      days,
      answers: 0,
      unknownAnswers: 0,
      rules: [],
      unknowns: [],
      unavailable,
    });
    if (!this.store.open('read the report')) {
      return empty(
        this.store.options.readOnly
          ? `No learning database in ${this.store.options.dir} (nothing recorded yet, or DATA_DIR points elsewhere).`
          : 'The database could not be opened; see the server log.',
      );
    }
    return this.store.read('read the report', empty('The database could not be read; see the server log.'), (db) =>
      readReport(db, since, days, unknownLimit),
    );
  }

  async unknownByShape(shape: string) {
    return this.store.read('read an unknown', null, (db) => {
      const row = prepared(db, 'SELECT * FROM unknowns WHERE shape = ?').get(shape) as UnknownRow | undefined;
      return row ? toUnknown(row) : null;
    });
  }

  async prune(before: number) {
    this.store.write('delete old rows', (db) => {
      prepared(db, 'DELETE FROM answers WHERE at < ?').run(before);
      prepared(db, 'DELETE FROM feedback WHERE at < ?').run(before);
      prepared(db, 'DELETE FROM unknowns WHERE last_at < ?').run(before);
    });
  }
}

function upsertUnknown(db: Database, p: UnknownPaste, at: number) {
  prepared(
    db,
    `INSERT INTO unknowns (shape, first_at, last_at, count, door, reason, summary, example)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?)
     ON CONFLICT (shape) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
  ).run(p.shape, at, at, p.door, p.reason, p.summary, p.example);
}

/** The rows counted per day with SQL, then laid out as every store's report is (day-counts.ts). */
function readReport(db: Database, since: number, days: number, unknownLimit: number): Report {
  const perDay = new Map<string, Record<string, number>>();
  const add = (at: number, field: string, n: number) => {
    const day = dayOf(at);
    const counts = perDay.get(day) ?? {};
    counts[field] = (counts[field] ?? 0) + n;
    perDay.set(day, counts);
  };
  const DAY = `(at / ${DAY_MS}) * ${DAY_MS}`;
  const answers = db
    .prepare(
      `SELECT ${DAY} AS day, count(*) AS n,
         sum(NOT EXISTS (SELECT 1 FROM answer_findings f WHERE f.answer_id = a.id)) AS unknown
       FROM answers a WHERE at >= ? GROUP BY day`,
    )
    .all(since) as { day: number; n: number; unknown: number }[];
  for (const row of answers) {
    add(row.day, 'answers', row.n);
    add(row.day, 'unknown', row.unknown);
  }
  const answered = db
    .prepare(
      `SELECT f.rule, a.door, (a.at / ${DAY_MS}) * ${DAY_MS} AS day, count(*) AS n
       FROM answer_findings f JOIN answers a ON a.id = f.answer_id
       WHERE a.at >= ? GROUP BY f.rule, a.door, day`,
    )
    .all(since) as { rule: string; door: string; day: number; n: number }[];
  for (const row of answered) add(row.day, `a|${row.rule}|${row.door}`, row.n);
  const said = db
    .prepare(
      `SELECT rule, door, verdict, ${DAY} AS day, count(*) AS n FROM feedback WHERE at >= ? GROUP BY rule, door, verdict, day`,
    )
    .all(since) as { rule: string; door: Door; verdict: Verdict; day: number; n: number }[];
  for (const row of said) add(row.day, feedbackCount(row.rule, row.door, row.verdict), row.n);
  const unknowns = (
    db
      .prepare('SELECT * FROM unknowns WHERE last_at >= ? ORDER BY count DESC, last_at DESC LIMIT ?')
      .all(since, unknownLimit) as UnknownRow[]
  ).map(toUnknown);
  const counted = [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, counts }));
  return reportFromDays(counted, unknowns, since, days);
}

interface UnknownRow {
  shape: string;
  first_at: number;
  last_at: number;
  count: number;
  door: string;
  reason: string;
  summary: string;
  example: string;
}

const toUnknown = (row: UnknownRow): UnknownReport => ({
  shape: row.shape,
  count: row.count,
  firstSeen: new Date(row.first_at).toISOString(),
  lastSeen: new Date(row.last_at).toISOString(),
  door: row.door,
  reason: row.reason,
  summary: row.summary,
  example: row.example,
});
