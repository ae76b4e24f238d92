import type { Diagnosis } from '../core/types.js';
import { answerCounts, byCount, DAY_MS, dayOf, daysBetween, feedbackCount, reportFromDays } from './day-counts.js';
import type { Door, LearningRecords, StatePort, UnknownPaste, UnknownReport, Verdict } from './port.js';

// The state port in this process's memory: for tests, and what SQLite falls back to when its file cannot be used
// (locked, full, read-only), so dedupe, caps and buttons keep working for as long as the process runs.

interface Entry {
  value: string;
  expires: number;
}

export class MemoryLearning implements LearningRecords {
  private readonly days = new Map<string, Map<string, number>>();
  private readonly verdicts = new Map<string, number>();
  private readonly unknowns = new Map<string, UnknownReport & { lastAt: number }>();

  async answered(_id: string, at: number, door: Door, d: Diagnosis, unknown: UnknownPaste | null) {
    this.count(at, answerCounts(door, d));
    if (unknown) await this.unknown(unknown, at);
  }

  async feedback(input: { answerId: string; rule: string; person: string; verdict: Verdict; door: Door; at: number }) {
    const key = `${input.answerId}\n${input.person}`;
    if (this.verdicts.has(key)) return 'already' as const;
    this.verdicts.set(key, input.at);
    this.count(input.at, { [feedbackCount(input.rule, input.door, input.verdict)]: 1 });
    return 'recorded' as const;
  }

  async unknown(p: UnknownPaste, at: number) {
    const seen = this.unknowns.get(p.shape);
    const iso = new Date(at).toISOString();
    if (seen) Object.assign(seen, { count: seen.count + 1, lastSeen: iso, lastAt: at });
    else {
      const { shape, summary, example, door, reason } = p;
      this.unknowns.set(shape, {
        shape,
        summary,
        example,
        door,
        reason,
        count: 1,
        firstSeen: iso,
        lastSeen: iso,
        lastAt: at,
      });
    }
  }

  async report(since: number, span: number, unknownLimit: number) {
    const days = daysBetween(since, Date.now()).map((day) => ({
      day,
      counts: Object.fromEntries(this.days.get(day) ?? []),
    }));
    const unknowns = [...this.unknowns.values()]
      .filter((u) => u.lastAt >= since)
      .map(({ lastAt: _, ...u }) => u)
      .sort(byCount)
      .slice(0, unknownLimit);
    return reportFromDays(days, unknowns, since, span);
  }

  async unknownByShape(shape: string) {
    const u = this.unknowns.get(shape);
    if (!u) return null;
    const { lastAt: _, ...rest } = u;
    return rest;
  }

  async prune(before: number) {
    for (const day of this.days.keys()) if (Date.parse(day) + DAY_MS <= before) this.days.delete(day);
    for (const [key, at] of this.verdicts) if (at < before) this.verdicts.delete(key);
    for (const [shape, u] of this.unknowns) if (u.lastAt < before) this.unknowns.delete(shape);
  }

  private count(at: number, counts: Record<string, number>) {
    const day = dayOf(at);
    const fields = this.days.get(day) ?? new Map<string, number>();
    this.days.set(day, fields);
    for (const [field, n] of Object.entries(counts)) fields.set(field, (fields.get(field) ?? 0) + n);
  }
}

/** All values together, in characters: about 64 MB of UTF-16, whatever the traffic; the oldest go first. */
const BUDGET_CHARS = 32 * 1024 * 1024;

export class MemoryState implements StatePort {
  readonly kind = 'memory' as const;
  readonly where = 'this process';
  readonly learning = new MemoryLearning();
  private readonly values = new Map<string, Entry>();
  private chars = 0;
  private readonly windows = new Map<string, number[]>();
  private readonly sets = new Map<string, Set<string>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly budget = BUDGET_CHARS,
  ) {}

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number) {
    this.drop(key);
    this.values.set(key, { value, expires: ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + ttlMs });
    this.chars += value.length;
    for (const oldest of this.values.keys()) {
      if (this.chars <= this.budget) break;
      this.drop(oldest);
    }
  }

  async delete(key: string) {
    this.drop(key);
  }

  async claim(key: string, ttlMs: number) {
    if (this.live(key)) return false;
    await this.set(key, '1', ttlMs);
    return true;
  }

  async take(key: string, limit: number, windowMs: number, now: number) {
    const recent = (this.windows.get(key) ?? []).filter((at) => at > now - windowMs);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    this.windows.set(key, recent);
    return allowed;
  }

  async lease(name: string, holder: string, ttlMs: number) {
    const current = this.live(`lease:${name}`);
    if (current && current.value !== holder) return false;
    await this.set(`lease:${name}`, holder, ttlMs);
    return true;
  }

  async release(name: string, holder: string) {
    if (this.live(`lease:${name}`)?.value === holder) this.drop(`lease:${name}`);
  }

  async add(set: string, member: string) {
    const s = this.sets.get(set) ?? new Set<string>();
    this.sets.set(set, s);
    s.add(member);
  }

  async remove(set: string, member: string) {
    this.sets.get(set)?.delete(member);
  }

  async members(set: string) {
    return [...(this.sets.get(set) ?? [])];
  }

  async connected(_ms: number) {}

  async problem() {
    return null;
  }

  async close() {}

  private live(key: string): Entry | undefined {
    const hit = this.values.get(key);
    if (hit && hit.expires <= this.now()) {
      this.drop(key);
      return undefined;
    }
    return hit;
  }

  private drop(key: string) {
    const hit = this.values.get(key);
    if (!hit) return;
    this.values.delete(key);
    this.chars -= hit.value.length;
  }
}
