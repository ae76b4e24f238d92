import { open } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  concludeRanges,
  looksBinary,
  MAX_CARRY,
  RangeJoin,
  type RangePart,
  type StreamOptions,
  utf16Of,
} from '../core/index.js';
import type { Diagnosis } from '../core/types.js';
import type { ScanOptions } from './protocol.js';

// A big log on disk read on every core: cut into line-aligned ranges, each range read by a scan worker with its lines
// numbered as in the whole file, and the parts taken in order (core/stream.ts, concludeRanges) into the Diagnosis a
// whole read gives. Only plain files (UTF-8 or Windows-1252; not gzip, not UTF-16) within the size limit; anything
// else, and a cut where redaction waited on the next line, is read whole by the caller.

/** Smaller files are read whole: starting workers costs more than the second core saves. */
export const SPLIT_MIN_BYTES = 64 * 1024 * 1024;
/** A cut moves forward to the next line; a line longer than this leaves the file whole. */
const MAX_LINE_SEARCH = 1024 * 1024;
const BLOCK = 4 * 1024 * 1024;

export interface Range {
  start: number;
  end: number;
  /** Lines before `start`. */
  startLine: number;
}

/**
 * The ranges of `path` for `parts` workers, or null when it is not a plain log worth splitting. A log longer than
 * `maxBytes` is split up to it, where a whole read stops too (`truncated`).
 */
export async function planRanges(
  path: string,
  parts: number,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<{ ranges: Range[]; truncated: boolean } | null> {
  if (parts < 2) return null;
  const file = await open(path, 'r');
  try {
    const { size: whole } = await file.stat();
    const size = Math.min(whole, maxBytes);
    if (size < SPLIT_MIN_BYTES) return null;
    const head = Buffer.alloc(8192);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const sniffed = head.subarray(0, bytesRead);
    if ((sniffed[0] === 0x1f && sniffed[1] === 0x8b) || utf16Of(sniffed) || looksBinary(sniffed)) return null;
    const bom = sniffed[0] === 0xef && sniffed[1] === 0xbb && sniffed[2] === 0xbf;
    const cuts: number[] = [];
    const window = Buffer.alloc(MAX_LINE_SEARCH);
    for (let i = 1; i < parts; i++) {
      const at = Math.floor((size * i) / parts);
      const { bytesRead: n } = await file.read(window, 0, window.length, at);
      const nl = window.subarray(0, n).indexOf(10);
      if (nl === -1) return null;
      const cut = at + nl + 1;
      if (cut >= size || cut <= (cuts.at(-1) ?? 0)) return null;
      cuts.push(cut);
    }
    // Lines before each cut (newlines before it), counted in one pass: a newline search runs at gigabytes a second.
    const linesAt: number[] = [];
    const block = Buffer.alloc(BLOCK);
    let lines = 0;
    for (let pos = 0; linesAt.length < cuts.length && pos < size; pos += BLOCK) {
      const { bytesRead: n } = await file.read(block, 0, BLOCK, pos);
      const filled = block.subarray(0, n);
      for (let i = filled.indexOf(10); i !== -1; i = filled.indexOf(10, i + 1)) {
        while (linesAt.length < cuts.length && pos + i >= (cuts[linesAt.length] as number)) linesAt.push(lines);
        lines++;
      }
      if (n < BLOCK) break;
    }
    while (linesAt.length < cuts.length) linesAt.push(lines);
    const starts = [bom ? 3 : 0, ...cuts];
    const ranges = starts.map((start, i) => ({
      start,
      end: cuts[i] ?? size,
      startLine: i === 0 ? 0 : (linesAt[i - 1] as number),
    }));
    return { ranges, truncated: whole > size };
  } finally {
    await file.close();
  }
}

/**
 * What a worker reads of its range at a time: exactly the line reader's longest carry, which the buffer reuse below
 * relies on (a full chunk always takes a carried line past it, and the reader then copies what it keeps).
 */
const CHUNK = MAX_CARRY;

/**
 * bytes[start, end) of a file, 1 MB at a time, into two buffers taken in turn: a fresh buffer per chunk costs page
 * faults and garbage. Safe because each chunk is full (but the last) and as long as the line reader's longest carry,
 * so when a buffer is filled again nothing is left pointing into it (core/stream.ts copies what it keeps longer).
 */
export async function* rangeChunks(path: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    for (let pos = start, turn = 0; pos < end; turn ^= 1) {
      const buffer = buffers[turn] as Buffer;
      let filled = 0;
      while (filled < CHUNK && pos < end) {
        const { bytesRead } = await file.read(buffer, filled, Math.min(CHUNK - filled, end - pos), pos);
        if (bytesRead === 0) {
          // The file got shorter while being read (truncated by a log rotation): what was read still counts.
          if (filled > 0) yield buffer.subarray(0, filled);
          return;
        }
        filled += bytesRead;
        pos += bytesRead;
      }
      yield buffer.subarray(0, filled);
    }
  } finally {
    await file.close();
  }
}

/** The Diagnosis of a log from its ranges, each read by `read` (a worker), or null when it must be read whole. */
export async function readRanges(
  { ranges, truncated }: { ranges: Range[]; truncated: boolean },
  read: (range: Range, options: ScanOptions) => Promise<RangePart>,
  options: StreamOptions & ScanOptions,
): Promise<Diagnosis | null> {
  const { maxBytes: _, learn, ...scan } = options;
  const parts = await Promise.all(ranges.map((r) => read(r, scan)));
  return concludeRanges(parts, { ...scan, learn }, truncated);
}

/** How many newlines `bytes` holds, found by Buffer's native search (a typed array's own indexOf is far slower). */
function newlinesIn(bytes: Uint8Array): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let n = 0;
  for (let i = view.indexOf(10); i !== -1; i = view.indexOf(10, i + 1)) n++;
  return n;
}

/** The chunks copied into `out`, a buffer of their own (never Node's shared pool, which a move to a worker takes). */
function ownCopy(chunks: Uint8Array[], out: Uint8Array): Uint8Array {
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A gzip file worth reading on every core: one that unpacks to SPLIT_MIN_BYTES or more, by the size its last four
 * bytes record (modulo 4 GB, so a packed size of a few hundred MB counts too).
 */
export async function isBigGzip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(2);
    await file.read(head, 0, 2, 0);
    if (head[0] !== 0x1f || head[1] !== 0x8b || size < 32) return false;
    const tail = Buffer.alloc(4);
    await file.read(tail, 0, 4, size - 4);
    return tail.readUInt32LE(0) >= SPLIT_MIN_BYTES || size >= 256 * 1024 * 1024;
  } finally {
    await file.close();
  }
}

/** Who reads one log's blocks (scan/pool.ts): `spare` hands back a block already read, to unpack the next into. */
export interface BlockReader {
  read(bytes: Uint8Array, startLine: number, options: ScanOptions): Promise<RangePart>;
  spare?(size: number): Uint8Array | undefined;
}

/** A gzipped log is unpacked here and read on every core in blocks of about this size, cut after a line. */
const BLOCK_BYTES = 4 * 1024 * 1024;
/** A block's buffer: the block, the unpacked chunk that took it past BLOCK_BYTES (256 KB) and the line cut from it. */
const BLOCK_ROOM = BLOCK_BYTES + 1024 * 1024;

/**
 * Frees the unpacked chunks already copied into blocks. zlib hands out a new 256 KB buffer per chunk, dead once copied,
 * but V8 gives back memory outside its heap only when it collects garbage, which a thread that unpacks (and allocates
 * little else) seldom does: array buffers peaked at 47 MB on a 1 GB gzip, 26 MB with this. A young-generation
 * collection per block (about a millisecond) frees them. V8 offers it only behind --expose-gc, so the flag is set on the
 * first gzip read and `gc` taken from a fresh context (as Jest's leak detector does); where that fails, the chunks wait
 * for V8 as before.
 */
function collectDeadChunks(): void {
  youngCollection ??= takeYoungCollection();
  youngCollection();
}
let youngCollection: (() => void) | undefined;

function takeYoungCollection(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options: { type: 'minor' }) => void;
    return () => gc({ type: 'minor' });
  } catch {
    return () => {};
  }
}

/**
 * The Diagnosis of a stream (an unpacked gzip) read in blocks by `read` (workers), a few at a time so memory stays
 * bounded, up to `maxBytes`; null when it must be read whole instead: not plain text, or a cut where redaction
 * waited on the next line.
 */
export async function readBlocks(
  chunks: AsyncIterable<Uint8Array>,
  workers: number,
  { read, spare }: BlockReader,
  options: StreamOptions & ScanOptions,
): Promise<Diagnosis | null> {
  const { maxBytes = Number.POSITIVE_INFINITY, learn, ...scan } = options;
  const join = new RangeJoin({ ...scan, learn });
  /** Each block's part, taken in order as it comes: only the blocks in flight are held, never every part. */
  let taken: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<RangePart>>();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let lines = 0;
  let total = 0;
  let truncated = false;
  let first = true;
  /**
   * A buffer for `size` bytes: a block come back from a worker, else a new one with room for a block plus the chunk
   * that took it past the mark, so it fits the next block too when it comes back.
   */
  const bufferFor = (size: number) =>
    spare?.(size) ?? new Uint8Array(new ArrayBuffer(Math.max(size, BLOCK_ROOM)), 0, size);
  const send = async (block: Uint8Array) => {
    const startLine = lines;
    // Counted before the block is moved to the worker (after that it is not ours to read).
    lines += newlinesIn(block);
    const job = read(block, startLine, scan);
    taken = taken.then(async () => join.take(await job));
    // Awaited at the end; handled now, so a block that fails early is not an unhandled rejection meanwhile.
    taken.catch(() => {});
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job)).catch(() => {});
    // One block per worker being read, and one more waiting: memory stays a few blocks, whatever the file.
    while (inFlight.size > workers) await Promise.race(inFlight).catch(() => {});
  };
  try {
    return await cutIntoBlocks();
  } finally {
    // Given up early (not plain text, too long, a damaged gzip): the blocks sent still finish, their answers unused.
    await Promise.allSettled(inFlight);
  }

  async function cutIntoBlocks(): Promise<Diagnosis | null> {
    for await (const chunk of chunks) {
      if (first) {
        first = false;
        const head = chunk.subarray(0, 8192);
        if (utf16Of(head) || looksBinary(head) || (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf))
          return null;
      }
      // Past the size limit the log is read up to it, as a whole read stops there too.
      const room = maxBytes - total;
      const taken = chunk.length > room ? chunk.subarray(0, room) : chunk;
      truncated = taken !== chunk;
      total += taken.length;
      pending.push(taken);
      pendingBytes += taken.length;
      if (truncated) break;
      if (pendingBytes < BLOCK_BYTES) continue;
      const joined = ownCopy(pending, bufferFor(pendingBytes));
      const cut = joined.lastIndexOf(10) + 1;
      if (cut === 0) continue;
      // The start of the next block is copied out first: the block's buffer is then moved to the worker whole.
      pending = cut < joined.length ? [joined.slice(cut)] : [];
      pendingBytes = joined.length - cut;
      await send(joined.subarray(0, cut));
      collectDeadChunks();
    }
    if (pendingBytes > 0) await send(ownCopy(pending, spare?.(pendingBytes) ?? new Uint8Array(pendingBytes)));
    await taken;
    return join.conclude(truncated);
  }
}
