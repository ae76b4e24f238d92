import { randomUUID } from 'node:crypto';

// Small in-memory stores shared by the chat adapters: pastes (already redacted) for question buttons, and the
// messages or threads already answered. Bounded and forgotten on restart, which is acceptable for both.

/** Least-recently-used map whose entries also expire after `ttlMs`. */
export class TtlLru<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (hit.expires <= this.now()) return undefined;
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
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
}

const MAX_PASTE_CHARS = 256 * 1024;

/** A redacted paste, kept so that answering a question can re-run the diagnosis; never the raw text. */
export class PasteStore {
  private readonly lru: TtlLru<string>;

  constructor(max = 500, ttlMs = 24 * 60 * 60 * 1000, now?: () => number) {
    this.lru = new TtlLru(max, ttlMs, now);
  }

  /** Returns '' (no buttons can re-run it) for a paste too big to keep in memory. */
  put(redacted: string): string {
    if (redacted.length > MAX_PASTE_CHARS) return '';
    const id = randomUUID();
    this.lru.set(id, redacted);
    return id;
  }

  get(id: string): string | undefined {
    return this.lru.get(id);
  }
}
