import { createHash, randomUUID } from 'node:crypto';
import type { Diagnosis } from '../core/types.js';
import {
  type Door,
  type LearningRecords,
  PLATFORMS,
  type Report,
  type UnknownReport,
  type Verdict,
} from '../store/port.js';
import { shapeOf } from './shape.js';

// The learning loop: which answers went out, what people said of them ("Fixed it" / "Not it"), and what was pasted
// that no rule knew (redacted, by shape). The records go through the state port (SQLite, or Redis for replicas);
// when it cannot take them, the answer goes out all the same.

export type { Door, Report, RuleReport, UnknownReport, Verdict } from '../store/port.js';
export const DOORS: readonly Door[] = [...PLATFORMS, 'playground', 'api'];
/** 'queued': the shared store is down and the verdict waits in this process until it is back. */
export type FeedbackResult = 'recorded' | 'already' | 'queued' | 'unavailable';

const DAY_MS = 24 * 60 * 60 * 1000;
/** What is kept of an unknown paste: enough to recognise it and write a rule, not a whole log. */
const EXAMPLE_CHARS = 8000;

export interface Learner {
  readonly on: boolean;
  /** Records an answer; returns its id (for the feedback buttons). */
  answered(door: Door, d: Diagnosis, redacted: string): Promise<string>;
  /** A person's verdict on an answer: 'recorded' the first time, 'already' after (one per person per answer). */
  feedback(input: {
    answerId: string;
    rule: string;
    person: string;
    verdict: Verdict;
    door: Door;
  }): Promise<FeedbackResult>;
  /** Keeps the redacted paste behind an answer someone said was "Not it", with their agreement. */
  keep(answerId: string, door: Door, redacted: string, d: Diagnosis): Promise<void>;
  report(options?: { days?: number; unknowns?: number }): Promise<Report>;
  /** One unknown's row, for the fixture download. */
  unknown(shape: string): Promise<UnknownReport | null>;
}

function emptyReport(days: number, unavailable: string): Report {
  const since = new Date(Date.now() - days * DAY_MS).toISOString();
  return { since, days, answers: 0, unknownAnswers: 0, rules: [], unknowns: [], unavailable };
}

/** LEARN=off: nothing is stored, no buttons are shown. */
export const NOT_LEARNING: Learner = {
  on: false,
  answered: async () => randomUUID(),
  feedback: async () => 'unavailable',
  keep: async () => {},
  report: async (options = {}) => emptyReport(options.days ?? 30, 'LEARN=off: this install keeps nothing.'),
  unknown: async () => null,
};

/** People are counted, not named: a hash of the platform's id for them. */
const personKey = (person: string) =>
  createHash('sha256').update(`mailhandler-doctor:${person}`).digest('hex').slice(0, 24);

/** What is kept of a paste no rule knew: its shape and the redacted example. */
function unknownPaste(redacted: string, d: Diagnosis, door: Door, reason: 'no finding' | 'not it') {
  const shape = shapeOf(redacted, d.facts);
  const summary = [...shape.codes, ...shape.exceptions, ...shape.phrases].join(' · ').slice(0, 300);
  return { shape: shape.key, summary, example: redacted.slice(0, EXAMPLE_CHARS), door, reason };
}

export interface LearnerOptions {
  records: LearningRecords;
  retentionDays: number;
  /** Where a failure to record is said (once per kind). */
  warn?: (message: string) => void;
  now?: () => number;
}

export function createLearner(options: LearnerOptions): Learner {
  const { records } = options;
  const now = options.now ?? Date.now;
  let lastPrune = 0;
  const warned = new Set<string>();
  const warn = (what: string, err: unknown) => {
    const message = `could not ${what}: ${(err as Error)?.message ?? err}`;
    if (!warned.has(message)) options.warn?.(message);
    warned.add(message);
  };
  /** Drops what is older than LEARN_DAYS, at most once an hour. */
  const prune = async () => {
    if (now() - lastPrune < 60 * 60 * 1000) return;
    lastPrune = now();
    await records.prune(now() - options.retentionDays * DAY_MS);
  };
  return {
    on: true,
    async answered(door, d, redacted) {
      const id = randomUUID();
      const unknown =
        d.findings.length === 0 && !d.input.binary && d.input.bytes > 0
          ? unknownPaste(redacted, d, door, 'no finding')
          : null;
      try {
        await records.answered(id, now(), door, d, unknown);
        await prune();
      } catch (err) {
        warn('record an answer', err);
      }
      return id;
    },
    async feedback(input) {
      try {
        return await records.feedback({ ...input, person: personKey(input.person), at: now() });
      } catch (err) {
        warn('record feedback', err);
        return 'unavailable';
      }
    },
    async keep(_answerId, door, redacted, d) {
      if (!redacted.trim()) return;
      await records.unknown(unknownPaste(redacted, d, door, 'not it'), now()).catch((err) => warn('keep a paste', err));
    },
    async report(options = {}) {
      const days = options.days ?? 30;
      try {
        return await records.report(now() - days * DAY_MS, days, options.unknowns ?? 20);
      } catch (err) {
        return emptyReport(days, (err as Error).message);
      }
    },
    async unknown(shape) {
      return records.unknownByShape(shape).catch(() => null);
    },
  };
}
