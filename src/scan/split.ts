import { open } from 'node:fs/promises';
import { concludeRanges, looksBinary, type RangePart, type StreamOptions, utf16Of } from '../core/index.js';
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

/** The ranges of `path` for `parts` workers, or null when it is not a plain log worth splitting. */
export async function planRanges(
  path: string,
  parts: number,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Range[] | null> {
  if (parts < 2) return null;
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < SPLIT_MIN_BYTES || size > maxBytes) return null;
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
    return starts.map((start, i) => ({
      start,
      end: cuts[i] ?? size,
      startLine: i === 0 ? 0 : (linesAt[i - 1] as number),
    }));
  } finally {
    await file.close();
  }
}

/** The Diagnosis of a log from its ranges, each read by `read` (a worker), or null when it must be read whole. */
export async function readRanges(
  ranges: Range[],
  read: (range: Range, options: ScanOptions) => Promise<RangePart>,
  options: StreamOptions & ScanOptions,
): Promise<Diagnosis | null> {
  const { maxBytes: _, learn, ...scan } = options;
  const parts = await Promise.all(ranges.map((r) => read(r, scan)));
  return concludeRanges(parts, { ...scan, learn });
}
