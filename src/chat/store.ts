import { randomUUID } from 'node:crypto';
import type { StatePort } from '../store/port.js';
import { PASTE_TTL_MS } from './policy.js';

// What the conversation keeps: pastes (already redacted) for the buttons, in the state port; and a small bounded map
// in memory, for the claims the conversation falls back on while the shared store is down.

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

/**
 * Redacted pastes, kept through the state port so that any replica can answer a question, share or feedback button
 * on an answer another one sent; never the raw text.
 */
export class Pastes {
  constructor(
    private readonly state: StatePort,
    private readonly ttlMs = PASTE_TTL_MS,
  ) {}

  /** Keeps a paste under a new id; '' (no buttons can re-run it) for one too big to keep or when it cannot be kept. */
  async put(redacted: string): Promise<string> {
    const id = randomUUID();
    return (await this.putAs(id, redacted)) ? id : '';
  }

  /** Keeps a paste under an id given elsewhere (an answer's); false when it is too big to keep. */
  async putAs(id: string, redacted: string): Promise<boolean> {
    if (redacted.length > MAX_PASTE_CHARS) return false;
    await this.state.set(`paste:${id}`, redacted, this.ttlMs);
    return true;
  }

  /** The paste, or undefined once it is gone; throws StateUnavailable while the shared store is down. */
  async get(id: string): Promise<string | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return (await this.state.get(`paste:${id}`)) ?? undefined;
  }
}
