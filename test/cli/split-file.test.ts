import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { diagnoseStream, scanRange } from '../../src/core/index.js';
import { isBigGzip, planRanges, rangeChunks, readBlocks, SPLIT_MIN_BYTES } from '../../src/scan/split.js';
import { fixture } from '../helpers.js';

// A log big enough to be read on every core, through the installed command: the same answer, byte for byte, as the
// same log piped in (which is read whole, in one thread), with the error blocks placed where the ranges meet.

const BIN = fileURLToPath(new URL('../../bin/mailhandler-doctor.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mhd-split-'));
const LOG = join(dir, 'atlassian-jira-incoming-mail.log');

function write() {
  const noise = (n: number) =>
    `2024-05-02 10:${String(n % 60).padStart(2, '0')}:00,000+0000 DEBUG anonymous Caesium-1-4 ServiceRunner [c.a.jira.mail.MailFetcherService] Pulled 0 new messages from imap.contoso.com for support@contoso.com\n`;
  const block = Buffer.from(noise(0).repeat(20_000));
  const fd = openSync(LOG, 'w');
  let size = 0;
  // A line of 2.5 MB as well, which a worker reads across three of its 1 MB chunks.
  const longLine = `2024-05-02 10:00:00,000+0000 DEBUG wire ${'AAAA '.repeat(500_000)}\n`;
  const errors = [fixture('seed', 'rc1-incoming-mail.log'), longLine, fixture('seed', 'rc1-scopes.txt')];
  // Half-way is where two ranges meet: one error block just before it, one just after.
  while (size < SPLIT_MIN_BYTES + 8 * 1024 * 1024) {
    if (size >= (SPLIT_MIN_BYTES + 8 * 1024 * 1024) / 2 - block.length && errors.length > 0) {
      size += writeSync(fd, errors.shift() as string);
    }
    size += writeSync(fd, block);
  }
  closeSync(fd);
}

/** A log unpacked as the gunzip stream hands it out: `count` chunks of 256 KB, each a new buffer, on a later turn. */
async function* unpacked(count: number) {
  const line = '2024-05-02 10:00:00,000+0000 DEBUG anonymous Caesium-1-4 ServiceRunner Pulled 0 new messages\n';
  const chunk = Buffer.alloc(256 * 1024, line);
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    yield Buffer.from(chunk);
  }
}

/** The command on the file by name (split across the cores) and on the same bytes through standard input (whole). */
function splitAndWhole(file: string, args: string[] = []) {
  const split = spawnSync(process.execPath, [BIN, 'diagnose', '--json', ...args, file], { encoding: 'utf8' });
  const whole = spawnSync(process.execPath, [BIN, 'diagnose', '--json', ...args, '-'], {
    encoding: 'utf8',
    input: readFileSync(file),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { split, whole };
}

describe('a big log on disk', () => {
  it('is read in ranges on every core and gives the answer of reading it whole', async () => {
    write();
    const plan = await planRanges(LOG, 2);
    expect(plan?.ranges).toHaveLength(2);
    expect(plan?.truncated).toBe(false);
    const { split, whole } = splitAndWhole(LOG);
    expect(split.stderr).toBe('');
    expect(split.status).toBe(0);
    expect(split.stdout).toBe(whole.stdout);
    const d = JSON.parse(split.stdout) as { findings: { id: string; confidence: string }[]; input: { bytes: number } };
    expect(d.findings[0]).toMatchObject({ id: 'graph-scope-domain-prefix', confidence: 'confirmed' });
    expect(d.input.bytes).toBeGreaterThan(SPLIT_MIN_BYTES);
  }, 120_000);

  it('gzipped, is unpacked and read in blocks on every core, with the answer of reading it whole', async () => {
    const gz = `${LOG}.gz`;
    writeFileSync(gz, gzipSync(readFileSync(LOG)));
    expect(await isBigGzip(gz)).toBe(true);
    expect(await isBigGzip(LOG)).toBe(false);
    const { split, whole } = splitAndWhole(gz);
    expect(split.stderr).toBe('');
    expect(split.stdout).toBe(whole.stdout);
    expect((JSON.parse(split.stdout) as { input: { bytes: number } }).input.bytes).toBe(statSync(LOG).size);
  }, 120_000);

  it('longer than the size limit, plain or gzipped, is read on every core up to the limit, as a whole read stops there', async () => {
    const limit = ['--max-mb', '66'];
    for (const file of [LOG, `${LOG}.gz`]) {
      const { split, whole } = splitAndWhole(file, limit);
      expect(split.stderr, file).toBe('');
      expect(split.stdout, file).toBe(whole.stdout);
      const d = JSON.parse(split.stdout) as { input: { bytes: number; truncated: boolean }; notes: string[] };
      expect(d.input).toMatchObject({ bytes: 66 * 1024 * 1024, truncated: true });
      expect(d.notes.join(' ')).toMatch(/longer than the size limit/);
    }
    // Both took the split road (a null would have meant a whole read).
    const plan = await planRanges(LOG, 2, 66 * 1024 * 1024);
    expect(plan?.truncated).toBe(true);
    expect(plan?.ranges.at(-1)?.end).toBe(66 * 1024 * 1024);
    const blocks = await readBlocks(
      createReadStream(`${LOG}.gz`).pipe(createGunzip()),
      2,
      { read: (bytes, startLine, options) => scanRange([bytes], { ...options, startLine }) },
      { maxBytes: 66 * 1024 * 1024 },
    );
    expect(blocks?.input).toMatchObject({ bytes: 66 * 1024 * 1024, truncated: true });
  }, 120_000);

  it('hands the blocks out in order with their line numbers (in-process), and they give the whole answer', async () => {
    const blocks: number[] = [];
    const d = await readBlocks(
      createReadStream(`${LOG}.gz`).pipe(createGunzip()),
      2,
      {
        read: (bytes, startLine, options) => {
          blocks.push(startLine);
          return scanRange([bytes], { ...options, startLine });
        },
      },
      {},
    );
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks).toEqual([...blocks].sort((a, b) => a - b));
    expect(JSON.stringify(d)).toBe(JSON.stringify(await diagnoseStream(createReadStream(LOG))));
  }, 120_000);

  it('holds a few blocks of a gzip at a time, not the chunks it already unpacked', async () => {
    // 160 MB unpacked as the gunzip stream hands it out: a new 256 KB buffer per chunk.
    // Blocks come back to be filled again, as the scan pool hands them back.
    const spares: ArrayBuffer[] = [];
    let peak = 0;
    let blocks = 0;
    const d = await readBlocks(
      unpacked(640),
      2,
      {
        read: async (bytes, startLine, options) => {
          blocks++;
          peak = Math.max(peak, process.memoryUsage().arrayBuffers);
          const part = await scanRange([bytes], { ...options, startLine });
          spares.push(bytes.buffer as ArrayBuffer);
          return part;
        },
        spare: (size) => {
          const i = spares.findIndex((b) => b.byteLength >= size);
          return i === -1 ? undefined : new Uint8Array(spares.splice(i, 1)[0] as ArrayBuffer, 0, size);
        },
      },
      {},
    );
    expect(blocks).toBeGreaterThan(30);
    expect(d?.input.bytes).toBe(640 * 256 * 1024);
    // A few 5 MB blocks and one block's chunks: about 22 MB; with the dead chunks left for V8 to find, 52 MB.
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  }, 120_000);

  it('gives up on a gzip whose block could not be read, with the reason (and no unhandled rejection meanwhile)', async () => {
    let blocks = 0;
    const reading = readBlocks(
      unpacked(80),
      2,
      {
        read: async (bytes, startLine, options) => {
          if (++blocks === 2) throw new Error('scan worker stopped');
          return scanRange([bytes], { ...options, startLine });
        },
      },
      {},
    );
    await expect(reading).rejects.toThrow('scan worker stopped');
    expect(blocks).toBeGreaterThan(2);
  });

  it('is read by a worker in full 1 MB chunks, each left intact until the line reader has moved past it', async () => {
    const bytes = readFileSync(LOG);
    const [start, end] = [1234, 1234 + 3 * 1024 * 1024 + 567];
    const seen: Buffer[] = [];
    let before: Uint8Array | null = null;
    for await (const chunk of rangeChunks(LOG, start, end)) {
      const at = start + seen.reduce((n, c) => n + c.length, 0);
      // The chunk before is still what the file holds there: a line carried across is joined from it afterwards.
      if (before) expect(Buffer.compare(before, bytes.subarray(at - before.length, at))).toBe(0);
      seen.push(Buffer.from(chunk));
      before = chunk;
    }
    expect(seen.map((c) => c.length)).toEqual([1024 * 1024, 1024 * 1024, 1024 * 1024, 567]);
    expect(Buffer.compare(Buffer.concat(seen), bytes.subarray(start, end))).toBe(0);
    // A file that turned out shorter than planned (truncated by a rotation): what was there is still read.
    const tail: Buffer[] = [];
    for await (const chunk of rangeChunks(LOG, bytes.length - 100, bytes.length + 5000)) tail.push(Buffer.from(chunk));
    expect(Buffer.concat(tail).equals(bytes.subarray(bytes.length - 100))).toBe(true);
  });

  it('is not split when it is small, gzipped or UTF-16', async () => {
    const small = join(dir, 'small.log');
    const fd = openSync(small, 'w');
    writeSync(fd, 'x\n'.repeat(1000));
    closeSync(fd);
    expect(await planRanges(small, 2)).toBeNull();
    const big = (name: string, head: number[]) => {
      const path = join(dir, name);
      const out = openSync(path, 'w');
      writeSync(out, Buffer.from(head));
      const block = Buffer.from('a line of text\n'.repeat(65_536));
      for (let size = 0; size < SPLIT_MIN_BYTES + 1024 * 1024; size += block.length) writeSync(out, block);
      closeSync(out);
      return path;
    };
    expect(await planRanges(big('big.log.gz', [0x1f, 0x8b]), 2)).toBeNull();
    expect(await planRanges(big('big-utf16.log', [0xff, 0xfe]), 2)).toBeNull();
    expect((await planRanges(big('big-plain.log', []), 2))?.ranges).toHaveLength(2);
    expect(await planRanges(LOG, 1)).toBeNull();
    // A limit below the size worth splitting: read whole (and cut at the limit there).
    expect(await planRanges(LOG, 2, 1024)).toBeNull();
  });
});
