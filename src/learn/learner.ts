import { createHash, randomUUID } from 'node:crypto';
import type { Diagnosis } from '../core/types.js';
import type { Database, Store } from '../store/db.js';
import { type Shape, shapeOf } from './shape.js';

// The learning loop: which answers went out, what people said of them ("Fixed it" / "Not it"), and what was pasted
// that no rule knew (redacted, by shape). Everything goes to the embedded database; when it cannot (locked, full,
// corrupt, read-only), one warning is logged and the answer goes out all the same.

export type Door = 'slack' | 'teams' | 'playground' | 'api';
export const DOORS: readonly Door[] = ['slack', 'teams', 'playground', 'api'];
export type Verdict = 'fixed' | 'not-it';
export type FeedbackResult = 'recorded' | 'already' | 'unavailable';

const DAY_MS = 24 * 60 * 60 * 1000;
/** What is kept of an unknown paste: enough to recognise it and write a rule, not a whole log. */
const EXAMPLE_CHARS = 8000;

export interface RuleReport {
  rule: string;
  answers: number;
  fixed: number;
  notIt: number;
  byDoor: Record<string, { answers: number; fixed: number; notIt: number }>;
  /** Answers per day, oldest first, for the chart. */
  days: { day: string; answers: number; fixed: number; notIt: number }[];
}

export interface UnknownReport {
  shape: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  door: string;
  /** 'no finding' or 'not it' (kept with the person's agreement). */
  reason: string;
  summary: string;
  example: string;
}

export interface Report {
  since: string;
  days: number;
  answers: number;
  /** Answers with no finding. */
  unknownAnswers: number;
  rules: RuleReport[];
  unknowns: UnknownReport[];
  /** Set when the database could not be read: the report is then empty and says why. */
  unavailable?: string;
}

export interface Learner {
  readonly on: boolean;
  /** Records an answer; returns its id (for the feedback buttons). */
  answered(door: Door, d: Diagnosis, redacted: string): string;
  /**
   * A person's verdict on an answer: 'recorded' the first time, 'already' after (one per person per answer),
   * 'unavailable' when the database could not take it.
   */
  feedback(input: { answerId: string; rule: string; person: string; verdict: Verdict; door: Door }): FeedbackResult;
  /** Keeps the redacted paste behind an answer someone said was "Not it", with their agreement. */
  keep(answerId: string, door: Door, redacted: string, d: Diagnosis): void;
  report(options?: { days?: number; unknowns?: number }): Report;
  /** One unknown's row, for the fixture download. */
  unknown(shape: string): UnknownReport | null;
  close(): void;
}

/** LEARN=off: nothing is stored, no buttons are shown. */
export const NOT_LEARNING: Learner = {
  on: false,
  answered: () => randomUUID(),
  feedback: () => 'unavailable',
  keep: () => {},
  report: (options = {}) => emptyReport(options.days ?? 30, 'LEARN=off: this install keeps nothing.'),
  unknown: () => null,
  close: () => {},
};

function emptyReport(days: number, unavailable?: string): Report {
  return {
    since: new Date(Date.now() - days * DAY_MS).toISOString(),
    days,
    answers: 0,
    unknownAnswers: 0,
    rules: [],
    unknowns: [],
    ...(unavailable ? { unavailable } : {}),
  };
}

/** People are counted, not named: a hash of the platform's id for them. */
const personKey = (person: string) =>
  createHash('sha256').update(`mailhandler-doctor:${person}`).digest('hex').slice(0, 24);

export interface LearnerOptions {
  /** The process's database (shared with the watcher). */
  store: Store;
  retentionDays: number;
  now?: () => number;
}

export function createLearner(options: LearnerOptions): Learner {
  return new SqliteLearner(options);
}

class SqliteLearner implements Learner {
  readonly on = true;
  private lastPrune = 0;
  private readonly now: () => number;
  private readonly store: Store;

  constructor(private readonly options: LearnerOptions) {
    this.now = options.now ?? Date.now;
    this.store = options.store;
  }

  answered(door: Door, d: Diagnosis, redacted: string): string {
    const id = randomUUID();
    this.write('record an answer', (db) => {
      const at = this.now();
      db.prepare('INSERT INTO answers (id, at, door) VALUES (?, ?, ?)').run(id, at, door);
      const finding = db.prepare('INSERT OR IGNORE INTO answer_findings (answer_id, rule, rank) VALUES (?, ?, ?)');
      for (const [rank, f] of d.findings.entries()) finding.run(id, f.id, rank);
      if (d.findings.length === 0 && !d.input.binary && d.input.bytes > 0) {
        this.upsertUnknown(db, shapeOf(redacted, d.facts), door, 'no finding', redacted, at);
      }
    });
    return id;
  }

  feedback(input: { answerId: string; rule: string; person: string; verdict: Verdict; door: Door }): FeedbackResult {
    let result: FeedbackResult = 'unavailable';
    this.write('record feedback', (db) => {
      const changes = db
        .prepare(
          'INSERT OR IGNORE INTO feedback (answer_id, person, rule, verdict, door, at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(input.answerId, personKey(input.person), input.rule, input.verdict, input.door, this.now()).changes;
      result = changes > 0 ? 'recorded' : 'already';
    });
    return result;
  }

  keep(_answerId: string, door: Door, redacted: string, d: Diagnosis): void {
    if (!redacted.trim()) return;
    this.write('keep a paste', (db) =>
      this.upsertUnknown(db, shapeOf(redacted, d.facts), door, 'not it', redacted, this.now()),
    );
  }

  report(options: { days?: number; unknowns?: number } = {}): Report {
    const days = options.days ?? 30;
    if (!this.store.open('read the report')) {
      return emptyReport(
        days,
        this.store.options.readOnly
          ? `No learning database in ${this.store.options.dir} (nothing recorded yet, or DATA_DIR points elsewhere).`
          : 'The database could not be opened; see the server log.',
      );
    }
    return this.store.read(
      'read the report',
      emptyReport(days, 'The database could not be read; see the server log.'),
      (db) => this.read(db, days, options.unknowns ?? 20),
    );
  }

  unknown(shape: string): UnknownReport | null {
    return this.store.read('read an unknown', null, (db) => {
      const row = db.prepare('SELECT * FROM unknowns WHERE shape = ?').get(shape) as UnknownRow | undefined;
      return row ? toUnknown(row) : null;
    });
  }

  close(): void {
    this.store.close();
  }

  private upsertUnknown(db: Database, shape: Shape, door: Door, reason: string, redacted: string, at: number) {
    const summary = [...shape.codes, ...shape.exceptions, ...shape.phrases].join(' · ').slice(0, 300);
    db.prepare(
      `INSERT INTO unknowns (shape, first_at, last_at, count, door, reason, summary, example)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?)
       ON CONFLICT (shape) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
    ).run(shape.key, at, at, door, reason, summary, redacted.slice(0, EXAMPLE_CHARS));
  }

  private read(db: Database, days: number, unknownLimit: number): Report {
    const since = this.now() - days * DAY_MS;
    const answers = (db.prepare('SELECT count(*) AS n FROM answers WHERE at >= ?').get(since) as { n: number }).n;
    const unknownAnswers = (
      db
        .prepare(
          'SELECT count(*) AS n FROM answers a WHERE a.at >= ? AND NOT EXISTS (SELECT 1 FROM answer_findings f WHERE f.answer_id = a.id)',
        )
        .get(since) as { n: number }
    ).n;
    const rules = new Map<string, RuleReport>();
    const rule = (id: string) => {
      let r = rules.get(id);
      if (!r) {
        r = { rule: id, answers: 0, fixed: 0, notIt: 0, byDoor: {}, days: [] };
        rules.set(id, r);
      }
      return r;
    };
    const door = (r: RuleReport, d: string) => {
      r.byDoor[d] ??= { answers: 0, fixed: 0, notIt: 0 };
      return r.byDoor[d];
    };
    const day = (r: RuleReport, at: number) => {
      const key = new Date(at).toISOString().slice(0, 10);
      let entry = r.days.find((x) => x.day === key);
      if (!entry) {
        entry = { day: key, answers: 0, fixed: 0, notIt: 0 };
        r.days.push(entry);
      }
      return entry;
    };
    const answered = db
      .prepare(
        `SELECT f.rule, a.door, (a.at / ${DAY_MS}) * ${DAY_MS} AS day, count(*) AS n
         FROM answer_findings f JOIN answers a ON a.id = f.answer_id
         WHERE a.at >= ? GROUP BY f.rule, a.door, day`,
      )
      .all(since) as { rule: string; door: string; day: number; n: number }[];
    for (const row of answered) {
      const r = rule(row.rule);
      r.answers += row.n;
      door(r, row.door).answers += row.n;
      day(r, row.day).answers += row.n;
    }
    const said = db
      .prepare(
        `SELECT rule, door, verdict, (at / ${DAY_MS}) * ${DAY_MS} AS day, count(*) AS n
         FROM feedback WHERE at >= ? GROUP BY rule, door, verdict, day`,
      )
      .all(since) as { rule: string; door: string; verdict: Verdict; day: number; n: number }[];
    for (const row of said) {
      const r = rule(row.rule);
      const key = row.verdict === 'fixed' ? 'fixed' : 'notIt';
      r[key] += row.n;
      door(r, row.door)[key] += row.n;
      day(r, row.day)[key] += row.n;
    }
    for (const r of rules.values()) r.days.sort((a, b) => a.day.localeCompare(b.day));
    const unknowns = (
      db
        .prepare('SELECT * FROM unknowns WHERE last_at >= ? ORDER BY count DESC, last_at DESC LIMIT ?')
        .all(since, unknownLimit) as UnknownRow[]
    ).map(toUnknown);
    return {
      since: new Date(since).toISOString(),
      days,
      answers,
      unknownAnswers,
      rules: [...rules.values()].sort((a, b) => b.answers - a.answers || a.rule.localeCompare(b.rule)),
      unknowns,
    };
  }

  /** Runs a write (and, at most once an hour, the pruning); a failure never reaches the answer. */
  private write(what: string, work: (db: Database) => void) {
    if (this.store.write(what, work)) this.store.write('delete old rows', (db) => this.prune(db));
  }

  /** Drops what is older than LEARN_DAYS, at most once an hour. */
  private prune(db: Database) {
    const now = this.now();
    if (now - this.lastPrune < 60 * 60 * 1000) return;
    this.lastPrune = now;
    const before = now - this.options.retentionDays * DAY_MS;
    db.prepare('DELETE FROM answers WHERE at < ?').run(before);
    db.prepare('DELETE FROM feedback WHERE at < ?').run(before);
    db.prepare('DELETE FROM unknowns WHERE last_at < ?').run(before);
  }
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
