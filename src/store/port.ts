import type { Diagnosis } from '../core/types.js';

// The one port behind which everything the bot remembers lives: kept pastes, dedupe claims, button state, Teams
// conversation references, the watcher's offsets, failures and hourly cap, its lease, and the learning records.
// Three implementations: memory (tests), SQLite (the embedded default) and Redis (REDIS_URL, for replicas).
// Nothing outside src/store sees a driver.

/** The shared store cannot be reached right now (Redis down): features that need it say so, nothing crashes. */
export class StateUnavailable extends Error {
  constructor(what: string) {
    super(`The shared store is not reachable, so I cannot ${what} right now. Try again in a minute.`);
  }
}

/** The chat platforms: a third one is added here, in src/app.ts (its wiring) and in its own adapters/ folder. */
export const PLATFORMS = ['slack', 'teams'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** Every way an answer is asked for. */
export type Door = Platform | 'playground' | 'api';
export type Verdict = 'fixed' | 'not-it';
/** 'queued': the store was down; the record waits in this process and is written when it is back. */
export type FeedbackResult = 'recorded' | 'already' | 'queued';

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
  /** Set when the records could not be read: the report is then empty and says why. */
  unavailable?: string;
}

/** An unknown paste as it is kept: its shape's key and summary, and the redacted example. */
export interface UnknownPaste {
  shape: string;
  summary: string;
  example: string;
  door: Door;
  reason: 'no finding' | 'not it';
}

/** The learning records: answers, verdicts and unknown pastes, and the report drawn from them. */
export interface LearningRecords {
  answered(id: string, at: number, door: Door, d: Diagnosis, unknown: UnknownPaste | null): Promise<void>;
  /** One verdict per person (already hashed) per answer. */
  feedback(input: {
    answerId: string;
    rule: string;
    person: string;
    verdict: Verdict;
    door: Door;
    at: number;
  }): Promise<'recorded' | 'already' | 'queued'>;
  unknown(paste: UnknownPaste, at: number): Promise<void>;
  report(since: number, days: number, unknownLimit: number): Promise<Report>;
  unknownByShape(shape: string): Promise<UnknownReport | null>;
  /** Drops what is older than `before`. */
  prune(before: number): Promise<void>;
}

export interface StatePort {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Where it is, for the banner and /readyz: never a password. */
  readonly where: string;
  get(key: string): Promise<string | null>;
  /** Sets a value; `ttlMs` undefined keeps it until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** True for the one caller (across replicas) that sets `key` first; it expires after `ttlMs`. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Takes one of `limit` slots in the `windowMs` before `now`; false when they are all taken. */
  take(key: string, limit: number, windowMs: number, now: number): Promise<boolean>;
  /** Takes the lease, or renews it when `holder` has it; false while someone else holds it. */
  lease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /** A small named set (the watcher's open failures). */
  add(set: string, member: string): Promise<void>;
  remove(set: string, member: string): Promise<void>;
  members(set: string): Promise<string[]>;
  readonly learning: LearningRecords;
  /** Resolves once the store can be used, or after `ms` (it then keeps trying on its own). */
  connected(ms: number): Promise<void>;
  /** What is wrong right now, in a sentence; null when it is fine. */
  problem(): Promise<string | null>;
  close(): Promise<void>;
}
