import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { createLogger } from '../../src/logger.js';
import { Store } from '../../src/store/db.js';
import { MemoryState, type StatePort, StateUnavailable } from '../../src/store/index.js';
import { RedisState } from '../../src/store/redis.js';
import { SqliteState } from '../../src/store/sqlite.js';
import { RedisServer } from './redis-server.js';

// The one state port, three ways: the same calls give the same answers in memory, in SQLite and in a real Redis.

const redis = new RedisServer();
beforeAll(() => redis.start(), 20_000);
afterAll(() => redis.stop());

const DAY = 24 * 60 * 60 * 1000;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;

const kinds: [string, () => Promise<StatePort>][] = [
  ['memory', async () => new MemoryState()],
  [
    'SQLite',
    async () =>
      new SqliteState(new Store({ dir: mkdtempSync(join(tmpdir(), 'mhd-port-')), logger: createLogger('silent') })),
  ],
  [
    'Redis',
    async () => {
      const s = new RedisState({ url: redis.url, prefix: `t${n++}:`, retentionMs: 30 * DAY, warn: () => {} });
      await s.connected(5000);
      return s;
    },
  ],
];

describe.each(kinds)('the state port in %s', (_name, open) => {
  it('keeps values until they expire', async () => {
    const s = await open();
    await s.set('a', 'one');
    await s.set('b', 'two', 80);
    expect(await s.get('a')).toBe('one');
    expect(await s.get('b')).toBe('two');
    await wait(150);
    expect(await s.get('b')).toBeNull();
    await s.delete('a');
    expect(await s.get('a')).toBeNull();
    await s.close();
  });

  it('gives a claim to one caller only, until it expires', async () => {
    const s = await open();
    const claims = await Promise.all([s.claim('event:1', 100), s.claim('event:1', 100), s.claim('event:1', 100)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await wait(180);
    expect(await s.claim('event:1', 100)).toBe(true);
    await s.close();
  });

  it('takes at most `limit` slots in a window', async () => {
    const s = await open();
    const now = Date.now();
    const taken = [];
    for (let i = 0; i < 5; i++) taken.push(await s.take('posts', 3, 60_000, now + i));
    expect(taken).toEqual([true, true, true, false, false]);
    expect(await s.take('posts', 3, 60_000, now + 61_000)).toBe(true);
    await s.close();
  });

  it('leases to one holder, renews it for that holder, and hands it on once it runs out or is given up', async () => {
    const s = await open();
    expect(await s.lease('watch', 'a', 120)).toBe(true);
    expect(await s.lease('watch', 'b', 120)).toBe(false);
    expect(await s.lease('watch', 'a', 120)).toBe(true);
    await wait(200);
    expect(await s.lease('watch', 'b', 120)).toBe(true);
    await s.release('watch', 'a');
    expect(await s.lease('watch', 'a', 120)).toBe(false);
    await s.release('watch', 'b');
    expect(await s.lease('watch', 'a', 120)).toBe(true);
    await s.close();
  });

  it('keeps small sets', async () => {
    const s = await open();
    await s.add('open', 'x');
    await s.add('open', 'y');
    await s.add('open', 'x');
    await s.remove('open', 'y');
    expect(await s.members('open')).toEqual(['x']);
    await s.close();
  });

  it('counts answers, verdicts (one per person) and unknowns for the report', async () => {
    const s = await open();
    const known = diagnose('AADSTS7000215: Invalid client secret provided.');
    const rule = known.findings[0]?.id ?? '';
    const at = Date.now();
    await s.learning.answered('a1', at, 'slack', known, null);
    await s.learning.answered('a2', at, 'teams', known, null);
    const unknown = { shape: '0123456789abcdef', summary: 'x', example: 'the example', door: 'api' as const };
    await s.learning.answered('a3', at, 'api', diagnose('nothing known here'), { ...unknown, reason: 'no finding' });
    await s.learning.unknown({ ...unknown, reason: 'no finding' }, at + 1);
    const verdict = { answerId: 'a1', rule, person: 'p1', verdict: 'fixed' as const, door: 'slack' as const, at };
    expect(await s.learning.feedback(verdict)).toBe('recorded');
    expect(await s.learning.feedback(verdict)).toBe('already');
    expect(await s.learning.feedback({ ...verdict, person: 'p2', verdict: 'not-it' })).toBe('recorded');
    const report = await s.learning.report(at - DAY, 1, 20);
    expect(report.answers).toBe(3);
    expect(report.unknownAnswers).toBe(1);
    const r = report.rules.find((x) => x.rule === rule);
    expect(r).toMatchObject({ answers: 2, fixed: 1, notIt: 1 });
    expect(r?.byDoor).toMatchObject({ slack: { answers: 1, fixed: 1, notIt: 1 }, teams: { answers: 1 } });
    expect(report.unknowns).toEqual([
      expect.objectContaining({ shape: unknown.shape, count: 2, example: 'the example' }),
    ]);
    expect(await s.learning.unknownByShape(unknown.shape)).toMatchObject({ count: 2, reason: 'no finding' });
    expect(await s.learning.unknownByShape('ffffffffffffffff')).toBeNull();
    await s.close();
  });
});

describe('the state port in Redis, while Redis is down', () => {
  it('refuses reads and claims at once, queues writes, and writes them when Redis is back', async () => {
    const down = new RedisServer();
    await down.start();
    const s = new RedisState({ url: down.url, prefix: 'down:', retentionMs: 30 * DAY, warn: () => {} });
    await s.connected(5000);
    await s.set('before', '1');
    await down.stop();
    await wait(100);
    await expect(s.get('before')).rejects.toBeInstanceOf(StateUnavailable);
    await expect(s.claim('event:2', 1000)).rejects.toBeInstanceOf(StateUnavailable);
    expect(await s.problem()).toMatch(/^Redis at redis:\/\/127\.0\.0\.1:\d+ is not reachable/);
    const verdict = {
      answerId: 'a9',
      rule: 'r',
      person: 'p',
      verdict: 'fixed' as const,
      door: 'teams' as const,
      at: Date.now(),
    };
    // Waits a little, then says it is queued; it is not lost.
    expect(await s.learning.feedback(verdict)).toBe('queued');
    await down.start();
    await s.connected(10_000);
    await wait(300);
    expect(await s.problem()).toBeNull();
    const report = await s.learning.report(Date.now() - DAY, 1, 20);
    expect(report.rules.find((r) => r.rule === 'r')).toMatchObject({ fixed: 1 });
    await s.close();
    await down.stop();
  }, 30_000);
});
