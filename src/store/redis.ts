import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Diagnosis } from '../core/types.js';
import { answerCounts, byCount, DAY_MS, dayOf, daysBetween, feedbackCount, reportFromDays } from './day-counts.js';
import {
  type Door,
  type LearningRecords,
  type Report,
  type StatePort,
  StateUnavailable,
  type UnknownPaste,
  type UnknownReport,
  type Verdict,
} from './port.js';

// The state port in Redis (REDIS_URL): what lets two or three replicas behave as one. Claims are SET NX PX, the
// window and the lease are small Lua scripts, learning records are counters per day. While Redis is down, reads and
// claims fail at once with StateUnavailable (the caller says so, or carries on without), and writes wait in this
// process's queue and go out when it is back: a feedback click is not lost to a Redis restart.

/** How long a write may wait for Redis before the caller is told it is queued. */
const WRITE_WAIT_MS = 2000;

const SCRIPTS = {
  take: {
    numberOfKeys: 1,
    lua: `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
      if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4]); redis.call('PEXPIRE', KEYS[1], ARGV[2]); return 1
      end
      return 0`,
  },
  lease: {
    numberOfKeys: 1,
    lua: `local v = redis.call('GET', KEYS[1])
      if v == false or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); return 1 end
      return 0`,
  },
  release: {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0`,
  },
  verdict: {
    numberOfKeys: 2,
    lua: `if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
        redis.call('HINCRBY', KEYS[2], ARGV[2], 1); redis.call('PEXPIRE', KEYS[2], ARGV[1]); return 1
      end
      return 0`,
  },
  unknown: {
    numberOfKeys: 2,
    lua: `if redis.call('EXISTS', KEYS[1]) == 0 then
        redis.call('HSET', KEYS[1], 'first', ARGV[1], 'door', ARGV[2], 'reason', ARGV[3], 'summary', ARGV[4],
          'example', ARGV[5], 'count', 0)
      end
      redis.call('HINCRBY', KEYS[1], 'count', 1); redis.call('HSET', KEYS[1], 'last', ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[6]); redis.call('ZADD', KEYS[2], ARGV[1], ARGV[7])
      return 1`,
  },
} as const;

type Scripted = Redis & {
  take(key: string, now: number, window: number, limit: number, member: string): Promise<number>;
  lease(key: string, holder: string, ttl: number): Promise<number>;
  release(key: string, holder: string): Promise<number>;
  verdict(key: string, day: string, ttl: number, field: string): Promise<number>;
  unknown(key: string, index: string, ...args: (string | number)[]): Promise<number>;
};

/** The URL as it may be shown: no user or password. */
export function redisWhere(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'Redis (REDIS_URL)';
  }
}

export interface RedisOptions {
  url: string;
  /** Put before every key, so one Redis can serve several installs. */
  prefix: string;
  /** How long learning records are kept (LEARN_DAYS). */
  retentionMs: number;
  warn(message: string): void;
}

export class RedisState implements StatePort {
  readonly kind = 'redis' as const;
  readonly where: string;
  readonly learning: RedisLearning;
  private readonly redis: Scripted;
  private lastError = '';

  constructor(options: RedisOptions) {
    this.where = redisWhere(options.url);
    this.redis = new Redis(options.url, {
      keyPrefix: options.prefix,
      // Commands wait in the offline queue across a restart of Redis instead of failing after 20 tries.
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      connectTimeout: 5000,
    }) as Scripted;
    for (const [name, script] of Object.entries(SCRIPTS)) {
      this.redis.defineCommand(name, { numberOfKeys: script.numberOfKeys, lua: script.lua });
    }
    this.redis.on('error', (err: Error) => {
      // Said once per kind of failure, not once per reconnect attempt.
      if (err.message === this.lastError) return;
      this.lastError = err.message;
      options.warn(`Redis at ${this.where}: ${err.message.split('\n')[0]}; retrying`);
    });
    this.redis.on('ready', () => {
      this.lastError = '';
    });
    this.learning = new RedisLearning(this, options.retentionMs);
  }

  /** Resolves once connected, or after `ms` (a report then says Redis is not reachable). */
  async connected(ms: number): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The client for a read or a claim: refused at once while Redis is not connected. */
  ready(what: string): Scripted {
    if (this.redis.status !== 'ready') throw new StateUnavailable(what);
    return this.redis;
  }

  /** A write: queued while Redis is down; true once Redis has it, false when it is still waiting after a while. */
  async write(work: (redis: Scripted) => Promise<unknown>): Promise<boolean> {
    const done = work(this.redis).then(() => true);
    done.catch(() => {});
    const waited = new Promise<boolean>((resolve) => setTimeout(resolve, WRITE_WAIT_MS, false).unref());
    return Promise.race([done, waited]);
  }

  async get(key: string) {
    return this.ready('read what I kept').get(key);
  }

  async set(key: string, value: string, ttlMs?: number) {
    await this.write((r) => (ttlMs === undefined ? r.set(key, value) : r.set(key, value, 'PX', Math.ceil(ttlMs))));
  }

  async delete(key: string) {
    await this.write((r) => r.del(key));
  }

  async claim(key: string, ttlMs: number) {
    return (await this.ready('claim this message').set(key, '1', 'PX', Math.ceil(ttlMs), 'NX')) === 'OK';
  }

  async take(key: string, limit: number, windowMs: number, now: number) {
    return (await this.ready('count posts').take(key, now, windowMs, limit, `${now}:${randomUUID()}`)) === 1;
  }

  async lease(name: string, holder: string, ttlMs: number) {
    return (await this.ready('take the lease').lease(`lease:${name}`, holder, Math.ceil(ttlMs))) === 1;
  }

  async release(name: string, holder: string) {
    if (this.redis.status === 'ready') await this.redis.release(`lease:${name}`, holder);
  }

  async add(set: string, member: string) {
    await this.write((r) => r.sadd(set, member));
  }

  async remove(set: string, member: string) {
    await this.write((r) => r.srem(set, member));
  }

  async members(set: string) {
    return this.ready('read what I kept').smembers(set);
  }

  async problem() {
    if (this.redis.status === 'ready') return null;
    return `Redis at ${this.where} is not reachable (${this.lastError || this.redis.status}); answers go on, shared features wait for it.`;
  }

  async close() {
    this.redis.disconnect();
  }
}

class RedisLearning implements LearningRecords {
  constructor(
    private readonly state: RedisState,
    private readonly retentionMs: number,
  ) {}

  async answered(_id: string, at: number, door: Door, d: Diagnosis, unknown: UnknownPaste | null) {
    const day = `learn:day:${dayOf(at)}`;
    await this.state.write(async (r) => {
      const m = r.multi();
      for (const [field, n] of Object.entries(answerCounts(door, d))) m.hincrby(day, field, n);
      m.pexpire(day, this.retentionMs + DAY_MS);
      await m.exec();
      if (unknown) await this.upsert(r, unknown, at);
    });
  }

  async feedback(input: { answerId: string; rule: string; person: string; verdict: Verdict; door: Door; at: number }) {
    let result: 'recorded' | 'already' = 'recorded';
    const written = await this.state.write(async (r) => {
      const first = await r.verdict(
        `learn:verdict:${input.answerId}:${input.person}`,
        `learn:day:${dayOf(input.at)}`,
        this.retentionMs + DAY_MS,
        feedbackCount(input.rule, input.door, input.verdict),
      );
      result = first === 1 ? 'recorded' : 'already';
    });
    return written ? result : 'queued';
  }

  async unknown(paste: UnknownPaste, at: number) {
    await this.state.write((r) => this.upsert(r, paste, at));
  }

  async report(since: number, span: number, unknownLimit: number): Promise<Report> {
    let r: Scripted;
    try {
      r = this.state.ready('read the report');
    } catch (err) {
      return { ...reportFromDays([], [], since, span), unavailable: (err as Error).message };
    }
    const dayNames = daysBetween(since, Date.now());
    const pipe = r.pipeline();
    for (const day of dayNames) pipe.hgetall(`learn:day:${day}`);
    const results = (await pipe.exec()) ?? [];
    const days = dayNames.map((day, i) => ({
      day,
      counts: Object.fromEntries(
        Object.entries((results[i]?.[1] as Record<string, string>) ?? {}).map(([k, v]) => [k, Number(v)]),
      ),
    }));
    // The most recent thousand shapes are enough to find the most frequent twenty.
    const shapes = await r.zrevrangebyscore('learn:unknowns', '+inf', since, 'LIMIT', 0, 1000);
    const unknowns = (await Promise.all(shapes.map((s) => this.unknownByShape(s))))
      .filter((u): u is UnknownReport => u !== null)
      .sort(byCount)
      .slice(0, unknownLimit);
    return reportFromDays(days, unknowns, since, span);
  }

  async unknownByShape(shape: string): Promise<UnknownReport | null> {
    const h = await this.state.ready('read the report').hgetall(`learn:unknown:${shape}`);
    if (!h.first) return null;
    return {
      shape,
      count: Number(h.count),
      firstSeen: new Date(Number(h.first)).toISOString(),
      lastSeen: new Date(Number(h.last)).toISOString(),
      door: h.door ?? '',
      reason: h.reason ?? '',
      summary: h.summary ?? '',
      example: h.example ?? '',
    };
  }

  async prune(before: number) {
    // Day counters and unknowns expire by themselves; only the index of unknowns is trimmed.
    await this.state.write((r) => r.zremrangebyscore('learn:unknowns', '-inf', before));
  }

  private upsert(r: Scripted, p: UnknownPaste, at: number) {
    return r.unknown(
      `learn:unknown:${p.shape}`,
      'learn:unknowns',
      at,
      p.door,
      p.reason,
      p.summary,
      p.example,
      this.retentionMs,
      p.shape,
    );
  }
}
