import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concludeRanges, diagnoseStream } from '../../src/core/index.js';
import { createDoctor, INLINE_WHEN_FULL_BYTES, SMALL_SCAN_BYTES } from '../../src/doctor.js';
import { Busy } from '../../src/limit.js';
import { ScanPool } from '../../src/scan/pool.js';
import { tooLarge } from '../../src/server/http.js';
import { clearTenantCache } from '../../src/tenant/lookup.js';
import { allFixtures } from '../helpers.js';
import { microsoftKnows, onlyLoopback, resetNetwork, TENANTS } from '../tenant/helpers.js';

// Big logs are read in worker threads. The answer must be the one the calling thread would give, the tenant look-up
// (which needs the network, so stays on the server) must still settle "which cloud?", and failures must come back
// as what they are: the source's own error, or Busy when the line is full.

const inThread = createDoctor({ tenantLookup: false });
const inWorker = createDoctor({ tenantLookup: false, scanWorkers: 1, scanQueue: 2 });
afterAll(async () => {
  await inWorker.close();
});

/** Pads a text past the size read in the calling thread, with lines no rule reads. */
const big = (text: string) =>
  `${'2024-05-02 10:00:00,010 INFO [http-nio-8080-exec-1] served /browse/ABC-1\n'.repeat(SMALL_SCAN_BYTES / 60)}${text}`;
const comparable = (d: object) => JSON.parse(JSON.stringify(d));

/** Logs that hold a worker until released: more than is ever read on the event loop, then nothing for a while. */
function heldLogs() {
  let open = () => {};
  const held = new Promise<void>((r) => (open = r));
  async function* stalled() {
    yield Buffer.alloc(INLINE_WHEN_FULL_BYTES + 1, 'a');
    await held;
  }
  return { stalled, release: () => open() };
}

async function* pieces(buf: Buffer, size = 64 * 1024) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('a middling paste sent to a free worker', () => {
  it('gives the answer and the redacted excerpt the main thread would', async () => {
    const secret = 'client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2';
    let text = '';
    for (const [, fixture] of allFixtures()) {
      if (text.length > 20 * 1024) break;
      text += `${fixture}\n`;
    }
    text += `${secret}\n`;
    expect(text.length).toBeGreaterThan(8 * 1024);
    const here = await inThread.paste(text);
    const there = await inWorker.paste(text);
    expect(there.diagnosis).toEqual(here.diagnosis);
    expect(there.redacted()).toBe(here.redacted());
    expect(there.redacted()).not.toContain('Xk28Q~Jt0bP3nGq8vTz');
  });
});

describe('a scan in a worker thread', () => {
  it('gives the same answer as the calling thread for every fixture, as a file and as a paste', async () => {
    const cases = allFixtures();
    expect(cases.length).toBeGreaterThan(50);
    const now = Date.parse('2024-05-02T12:00:00Z');
    for (const [i, [name, fixtureText]] of cases.entries()) {
      const text = big(fixtureText);
      const file = Buffer.from(text);
      expect(comparable(await inWorker.file(pieces(file), { now })), name).toEqual(
        comparable(await inThread.file(pieces(file), { now })),
      );
      // Pastes take the same road; every fifth is enough to show it.
      if (i % 5 === 0) {
        expect(comparable(await inWorker.text(text, { now })), name).toEqual(
          comparable(await inThread.text(text, { now })),
        );
      }
    }
  }, 120_000);

  it('reads a small gzip (which may unpack to a lot) in the worker too, with the upload limit', async () => {
    const gz = gzipSync(
      Buffer.from(big(readFileSync(new URL('../fixtures/seed/rc2-graph-error.log', import.meta.url)).toString())),
    );
    expect(gz.length).toBeLessThan(SMALL_SCAN_BYTES);
    const d = await inWorker.file([gz], { maxBytes: SMALL_SCAN_BYTES });
    expect(d.input.truncated).toBe(true);
    expect(d.input.bytes).toBe(SMALL_SCAN_BYTES);
  });

  it("rejects with the source's own error (a size limit), not a worker's echo of it", async () => {
    async function* overLimit() {
      yield Buffer.alloc(INLINE_WHEN_FULL_BYTES, 'a');
      yield Buffer.alloc(1024, 'b');
      throw tooLarge(INLINE_WHEN_FULL_BYTES);
    }
    await expect(inWorker.file(overLimit())).rejects.toMatchObject({ status: 413 });
    // The worker is free again afterwards.
    const after = big('AADSTS7000215: Invalid client secret provided.');
    const expected = (await inThread.text(after)).findings[0]?.id;
    expect(expected).toBeDefined();
    expect((await inWorker.file(pieces(Buffer.from(after)))).findings[0]?.id).toBe(expected);
  });

  it('says Busy at once when every worker is taken and the line is full', async () => {
    const doctor = createDoctor({ tenantLookup: false, scanWorkers: 1, scanQueue: 1 });
    const { stalled, release } = heldLogs();
    try {
      const running = doctor.file(stalled());
      const waiting = doctor.file(stalled());
      await new Promise((r) => setTimeout(r, 200));
      await expect(doctor.file(stalled())).rejects.toBeInstanceOf(Busy);
      // A paste or a small log that finds the line full is read here after all, as it always was: never "busy".
      const middling = big('AADSTS7000215: Invalid client secret provided.');
      expect(middling.length).toBeGreaterThan(SMALL_SCAN_BYTES);
      expect(middling.length).toBeLessThan(INLINE_WHEN_FULL_BYTES);
      const expectedId = (await inThread.text(middling)).findings[0]?.id;
      expect((await doctor.text(middling)).findings[0]?.id).toBe(expectedId);
      expect((await doctor.file([Buffer.from(middling)])).findings[0]?.id).toBe(expectedId);
      expect(doctor.load()).toEqual({ active: 1, waiting: 1 });
      // A small paste never waits for a worker.
      const paste = 'AADSTS7000215: Invalid client secret provided.';
      expect((await doctor.text(paste)).findings[0]?.id).toBe((await inThread.text(paste)).findings[0]?.id);
      release();
      expect((await running).input.bytes).toBe(INLINE_WHEN_FULL_BYTES + 1);
      expect((await waiting).input.bytes).toBe(INLINE_WHEN_FULL_BYTES + 1);
    } finally {
      await doctor.close();
    }
  });

  it('keeps a paste longer than a one-liner off the event loop even while every worker is taken: it waits its turn', async () => {
    const doctor = createDoctor({ tenantLookup: false, scanWorkers: 1, scanQueue: 2 });
    const { stalled, release } = heldLogs();
    try {
      const running = doctor.file(stalled());
      await new Promise((r) => setTimeout(r, 200));
      const paste = big('AADSTS7000215: Invalid client secret provided.');
      let answered = false;
      const waiting = doctor.paste(paste).then((p) => {
        answered = true;
        return p.diagnosis;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(answered).toBe(false);
      expect(doctor.load()).toEqual({ active: 1, waiting: 1 });
      release();
      expect((await waiting).findings[0]?.id).toBe((await inThread.text(paste)).findings[0]?.id);
      await running;
    } finally {
      await doctor.close();
    }
  });

  it('keeps a worker for pastes while logs take the others, and SCAN_QUEUE bounds what waits in both lines together', async () => {
    const doctor = createDoctor({ tenantLookup: false, scanWorkers: 2, scanQueue: 1 });
    const { stalled, release } = heldLogs();
    try {
      const first = doctor.file(stalled());
      const second = doctor.file(stalled());
      await new Promise((r) => setTimeout(r, 200));
      // One log reads, the other waits for the log line: the second worker is free for a paste.
      expect(doctor.load()).toEqual({ active: 1, waiting: 1 });
      const paste = 'x'.repeat(INLINE_WHEN_FULL_BYTES + 1);
      expect((await doctor.text(paste)).input.bytes).toBeGreaterThan(INLINE_WHEN_FULL_BYTES);
      // The one place in the queue is taken (by the waiting log): a third big log is told busy at once.
      await expect(doctor.file(stalled())).rejects.toBeInstanceOf(Busy);
      release();
      await Promise.all([first, second]);
    } finally {
      await doctor.close();
    }
  });

  it('ends a job cleanly when the pool is closed under it', async () => {
    const doctor = createDoctor({ tenantLookup: false, scanWorkers: 1 });
    async function* never() {
      yield Buffer.alloc(INLINE_WHEN_FULL_BYTES + 1, 'a');
      await new Promise(() => {});
    }
    const job = doctor.file(never());
    await new Promise((r) => setTimeout(r, 300));
    await doctor.close();
    await expect(job).rejects.toThrow(/scan worker stopped/);
  });
});

describe('the tenant look-up for a log read in a worker', () => {
  beforeEach(() => {
    clearTenantCache();
    onlyLoopback();
  });
  afterEach(resetNetwork);

  it('asks Microsoft from the server and settles "which cloud?" in the worker\'s answer', async () => {
    const seed = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
    const id = TENANTS['gcc-high'].id;
    // A v1 ID token names the tenant (tid) but not its cloud: only Microsoft's metadata can say which.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const idToken = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: 'x', iss: `https://sts.windows.net/${id}/`, tid: id, exp: 4102444800 })}.c2ln`;
    const log = big(
      `${seed('rc2-graph-error.log')}\nApplication link scopes: ${seed('rc2-scopes.txt').trim()}\nid_token=${idToken}\n`,
    );
    expect(inThread && (await inThread.text(log)).questions.map((q) => q.id)).toContain('tenant-cloud');
    const scope = microsoftKnows('gcc-high', id);
    const doctor = createDoctor({ tenantLookup: true, scanWorkers: 1 });
    try {
      const d = await doctor.file(pieces(Buffer.from(log)));
      expect(scope.isDone()).toBe(true);
      expect(d.findings[0]?.id).toBe('sovereign-graph-endpoint-hardcoded');
      expect(d.findings[0]?.cause).toContain(`Microsoft's public metadata for ${id} shows the tenant is in GCC High`);
    } finally {
      await doctor.close();
    }
  });
});

describe("a gzip's blocks read by the workers", () => {
  it('come back once read, to be unpacked into again, with the answer of a whole read', async () => {
    const pool = new ScanPool(1, 2);
    try {
      const reader = pool.blocks();
      const line = `2024-05-02 10:00:00,000+0000 ERROR [c.a.j.s.mail] AADSTS50126: Error validating credentials due to invalid username or password.\n`;
      const block = (n: number) => new Uint8Array(Buffer.from(line.repeat(n)));
      const first = block(3);
      const firstPart = await reader.read(first, 0, {});
      // Moved to the worker and back: ours no more, and handed out again for the next block.
      expect(first.byteLength).toBe(0);
      const again = reader.spare?.(line.length * 2);
      expect(again?.byteLength).toBe(line.length * 2);
      expect(reader.spare?.(1)).toBeUndefined();
      again?.set(block(2));
      const second = await reader.read(again as Uint8Array, 3, {});
      const answer = await concludeRanges([firstPart, second]);
      expect(answer?.findings.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer)).toBe(JSON.stringify(await diagnoseStream([Buffer.from(line.repeat(5))])));
    } finally {
      await pool.close();
    }
  });
});
