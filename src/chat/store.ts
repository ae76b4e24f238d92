import { randomUUID } from 'node:crypto';
import { PASTE_TTL_MS } from './policy.js';

// Small in-memory stores shared by the chat adapters: pastes (already redacted) for question buttons, and the
// messages or threads already answered. Bounded and forgotten on restart, which is acceptable for both.

/** Least-recently-used map whose entries also expire after `ttlMs`, and whose values may weigh against a budget. */
export class TtlLru<V> {
  private readonly entries = new Map<string, { value: V; expires: number; weight: number }>();
  private total = 0;

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly budget = Number.POSITIVE_INFINITY,
    private readonly weigh: (value: V) => number = () => 0,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (hit.expires <= this.now()) {
      this.total -= hit.weight;
      return undefined;
    }
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs, weight });
    this.total += weight;
    // The oldest go first, until both the count and the memory budget fit.
    while (this.entries.size > this.max || this.total > this.budget) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const hit = this.entries.get(key);
    if (!hit) return;
    this.entries.delete(key);
    this.total -= hit.weight;
  }

  /** True the first time a key is seen (within the TTL), false after: one answer per message. */
  claim(key: string, value: V): boolean {
    if (this.get(key) !== undefined) return false;
    this.set(key, value);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the entries weigh together (characters, for pastes). */
  get weight(): number {
    return this.total;
  }
}

/** One paste at most this long is kept; longer ones get no question buttons. */
const MAX_PASTE_CHARS = 256 * 1024;
/** All kept pastes together, Slack's and Teams' alike: about 32 MB of UTF-16 at most, whatever the traffic. */
const PASTE_BUDGET_CHARS = 16 * 1024 * 1024;

/** Redacted pastes, kept so that answering a question can re-run the diagnosis; never the raw text. */
export class PasteStore {
  private readonly lru: TtlLru<string>;

  constructor(max = 2000, ttlMs = PASTE_TTL_MS, now?: () => number, budgetChars = PASTE_BUDGET_CHARS) {
    this.lru = new TtlLru(max, ttlMs, now, budgetChars, (s) => s.length);
  }

  /** Returns '' (no buttons can re-run it) for a paste too big to keep. */
  put(redacted: string): string {
    const id = randomUUID();
    return this.putAs(id, redacted) ? id : '';
  }

  /** Keeps a paste under an id given elsewhere (an answer's); false when it is too big to keep. */
  putAs(id: string, redacted: string): boolean {
    if (redacted.length > MAX_PASTE_CHARS) return false;
    this.lru.set(id, redacted);
    return true;
  }

  get(id: string): string | undefined {
    return this.lru.get(id);
  }

  /** Characters held, for tests of the budget. */
  get weight(): number {
    return this.lru.weight;
  }
}
