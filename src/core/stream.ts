import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { decodeWindows1252 } from './cp1252.js';
import { dropCutRuns, lastSeparator } from './cutting.js';
import { type DiagnoseOptions, Scanner, type ScanPart, scanText } from './diagnose.js';
import { normalizeChat } from './normalize.js';
import type { Diagnosis, Learnt } from './types.js';

/** A line longer than this is examined in pieces as it arrives, so memory stays bounded on files with no newlines. */
export const MAX_CARRY = 1024 * 1024;
/** Give other work on the event loop (a Slack acknowledgement, say) a turn at least this often, and this many bytes. */
const YIELD_AFTER_MS = 10;
const YIELD_AFTER_BYTES = 1024 * 1024;
const SNIFF_BYTES = 8192;

/**
 * Unpacks gzip a quarter MB at a time: zlib's default 16 KB made 13,000 trips to its thread pool for a 200 MB log
 * (on both cores 1.9 s -> 1.6 s).
 */
export const gunzip = () => createGunzip({ chunkSize: 256 * 1024 });

type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** UTF-16 by its byte-order mark, or, without one, by the zero byte beside every ASCII character of a text log. */
export function utf16Of(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(Math.min(head.length, SNIFF_BYTES) / 2);
  if (pairs < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.9 && evenZero < pairs * 0.1) return 'utf-16le';
  if (evenZero > pairs * 0.9 && oddZero < pairs * 0.1) return 'utf-16be';
  return null;
}

export function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 27) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

/**
 * The text of a whole small file or body, decoded the way a scan reads it (UTF-16 by its mark or its zero bytes,
 * UTF-8 with or without a BOM, else Windows-1252): what is kept of an upload must be read as it was answered, or a
 * UTF-16 file would be kept with a zero byte between every letter and no secret pattern would see it.
 */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

const BINARY_NOTE =
  'This file looks binary (an archive, image or office document), not a text log. Unzip it and attach the .log file itself, or paste the ERROR lines.';

/** Reads the first bytes to decide how to decode: gzip, UTF-16 with a byte-order mark, or UTF-8. */
async function sniff(source: Chunks): Promise<{ head: Uint8Array; rest: AsyncIterator<Uint8Array | string> }> {
  const it: AsyncIterator<Uint8Array | string> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source[Symbol.iterator]());
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    let next: IteratorResult<Uint8Array | string>;
    try {
      next = await it.next();
    } catch (err) {
      // A gzip that breaks within its first bytes: what was unpacked is read, then the break is met again.
      if (parts.length === 0) throw err;
      return { head: Buffer.concat(parts), rest: { next: () => Promise.reject(err) } };
    }
    if (next.done) break;
    const bytes = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    parts.push(bytes);
    size += bytes.length;
  }
  return { head: Buffer.concat(parts), rest: it };
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return { next: async () => it.next() };
}

async function* replay(head: Uint8Array, rest: AsyncIterator<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  if (head.length) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
}

/**
 * Diagnoses a log of any size with bounded memory: lines are examined as they arrive and only a few evidence lines
 * per signature are kept. Gzip (.gz) is unpacked on the way; `maxBytes` counts the unpacked text.
 */
export interface StreamOptions extends DiagnoseOptions {
  /**
   * Called once the whole input is read, with the answer so far. What it returns (the tenant's cloud from
   * Microsoft's metadata, say) joins the facts and the rules run again, without re-reading the input.
   */
  learn?: (first: Diagnosis) => Promise<Learnt | null>;
}

/** The answer, and a second one with what `learn` adds, if it adds anything. */
async function conclude(
  scanner: Scanner,
  input: Parameters<Scanner['finish']>[0],
  options: StreamOptions,
  extraNotes: string[] = [],
): Promise<Diagnosis> {
  const withNotes = (d: Diagnosis) => {
    for (const note of extraNotes) if (!d.notes.includes(note)) d.notes.push(note);
    return d;
  };
  const first = withNotes(scanner.finish(input));
  const learnt = options.learn ? await options.learn(first) : null;
  if (!learnt) return first;
  return withNotes(scanner.finish(input, learnt));
}

/**
 * Feeds a scanner the lines of a byte stream, whole lines read in place a block at a time: a line split across
 * chunks is copied together, one longer than MAX_CARRY is read in pieces cut at a separator. UTF-8, else (per line)
 * Windows-1252.
 */
function lineReader(scanner: Scanner) {
  // A byte-order mark at the start of a line (files joined together) is kept as text, as the bytes have it: the
  // decoder would drop it, and the line's text would then start where its bytes do not (see Scanner.readRemembering).
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry: Uint8Array[] = [];
  let carried = 0;
  let continued = false;
  /** The piece before ended in a cut through a separator-free run, whose other end starts the next piece. */
  let cutBefore = false;
  let notUtf8 = false;

  const decodeLine = (line: Uint8Array) => {
    try {
      return utf8.decode(line);
    } catch {
      // Not UTF-8: Windows tools write Windows-1252.
      notUtf8 = true;
      return decodeWindows1252(line);
    }
  };
  const line = (buf: Uint8Array, start: number, end: number) => {
    const last = buf[end - 1] === 13 ? end - 1 : end;
    if (continued || cutBefore) {
      const decode = cutBefore ? (b: Uint8Array) => dropCutRuns(decodeLine(b), true, false) : decodeLine;
      scanner.feedBytes(buf, start, last, decode, continued);
    } else {
      // A whole line that came in two chunks: read like the lines inside a chunk, a repeat replayed.
      scanner.feedLine(buf, start, last, decodeLine);
    }
    continued = false;
    cutBefore = false;
  };
  const feed = (chunk: Uint8Array) => {
    let start = 0;
    const end = chunk.indexOf(10);
    if ((carried > 0 || continued) && end !== -1) {
      if (carried > 0) {
        const joined = Buffer.concat([...carry, chunk.subarray(0, end)]);
        carry = [];
        carried = 0;
        line(joined, 0, joined.length);
      } else {
        line(chunk, 0, end);
      }
      start = end + 1;
    }
    const last = end === -1 ? -1 : chunk.lastIndexOf(10);
    if (last >= start) {
      scanner.feedLines(chunk, start, last + 1, decodeLine);
      start = last + 1;
    }
    if (start < chunk.length) {
      carry.push(chunk.subarray(start));
      carried += chunk.length - start;
    }
    if (carried > MAX_CARRY) {
      // A line this long is read in pieces, cut at a separator where there is one (see cutting.ts); a piece may
      // still split a character, so it is decoded leniently.
      const joined = Buffer.concat(carry);
      const sep = lastSeparator(joined, Math.max(0, joined.length - 64 * 1024), joined.length);
      const cutAfter = sep === -1;
      const end = cutAfter ? joined.length : sep + 1;
      const head = cutBefore;
      scanner.feedBytes(joined, 0, end, (b) => dropCutRuns(lenient.decode(b), head, cutAfter), continued);
      continued = true;
      cutBefore = cutAfter;
      carry = end < joined.length ? [joined.subarray(end)] : [];
      carried = joined.length - end;
    }
  };
  const flush = () => {
    if (carried === 0) return;
    const rest = Buffer.concat(carry);
    carry = [];
    carried = 0;
    line(rest, 0, rest.length);
  };
  return { feed, flush, notUtf8: () => notUtf8 };
}

/** What one range of a log gave: the scanner's part, and what the answer says of the input. */
export interface RangePart {
  part: ScanPart;
  bytes: number;
  notUtf8: boolean;
}

/**
 * One range of a plain log (UTF-8 or Windows-1252, no gzip, no UTF-16, starting at a line), its lines numbered from
 * `startLine`: what a worker reads when a big file is split across the cores (src/scan/split.ts).
 */
export async function scanRange(chunks: Chunks, options: DiagnoseOptions & { startLine: number }): Promise<RangePart> {
  const scanner = new Scanner(options);
  const reader = lineReader(scanner);
  let bytes = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += part.length;
    reader.feed(part);
  }
  reader.flush();
  return { part: scanner.part(), bytes, notUtf8: reader.notUtf8() };
}

/**
 * The ranges of one log, read apart and taken in order as they come, into the answer a whole read gives. Only the
 * joined state is kept, never every part: a gzip is read in some 250 blocks per GB, whose parts (about 14 KB each as
 * sent), held to the end, grew the command's memory with the size of the log.
 */
export class RangeJoin {
  private readonly scanner: Scanner;
  private bytes = 0;
  private notUtf8 = false;
  private exact = true;

  constructor(private readonly options: StreamOptions = {}) {
    this.scanner = new Scanner(options);
  }

  /** The next range's part, in the log's order. */
  take(p: RangePart): void {
    // Past a part that cannot be taken exactly, the answer is null whatever follows.
    this.exact &&= this.scanner.absorb(p.part);
    this.bytes += p.bytes;
    this.notUtf8 ||= p.notUtf8;
  }

  /**
   * The answer; null when it cannot be exact (redaction waited on a line across a boundary), and the log must then be
   * read whole. `truncated`: the ranges end at the size limit, not at the end of the log.
   */
  async conclude(truncated = false): Promise<Diagnosis | null> {
    if (!this.exact) return null;
    const notes = this.notUtf8 ? [NOT_UTF8_NOTE] : [];
    return conclude(this.scanner, { bytes: this.bytes, truncated }, this.options, notes);
  }
}

/** The answer from every part of one log at once (see RangeJoin). */
export async function concludeRanges(
  parts: RangePart[],
  options: StreamOptions = {},
  truncated = false,
): Promise<Diagnosis | null> {
  const join = new RangeJoin(options);
  for (const p of parts) join.take(p);
  return join.conclude(truncated);
}

export async function diagnoseStream(source: Chunks, options: StreamOptions = {}): Promise<Diagnosis> {
  const scanner = new Scanner(options);
  const reader = lineReader(scanner);
  const { feed, flush } = reader;
  let bytes = 0;
  let truncated = false;

  try {
    let { head, rest } = await sniff(source);
    let chunks: AsyncIterable<Uint8Array> = replay(head, rest);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      ({ head, rest } = await sniff(Readable.from(chunks).pipe(gunzip())));
      chunks = replay(head, rest);
    }
    // UTF-16 (Notepad's "Unicode") is turned into UTF-8 on the way, so every file is read the same way.
    const utf16Kind = utf16Of(head);
    const utf16 = utf16Kind ? new TextDecoder(utf16Kind) : null;
    if (!utf16 && looksBinary(head.subarray(0, SNIFF_BYTES))) {
      const d = scanner.finish({ bytes: 0, binary: true });
      d.notes.unshift(BINARY_NOTE);
      return d;
    }
    const bom = !utf16 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    let lastYield = performance.now();
    let sinceYield = 0;
    for await (const chunk of chunks) {
      let part = bytes + chunk.length > limit ? chunk.subarray(0, limit - bytes) : chunk;
      truncated = part !== chunk;
      const first = bytes === 0;
      bytes += part.length;
      if (first && bom) part = part.subarray(3);
      feed(utf16 ? Buffer.from(utf16.decode(part, { stream: true })) : part);
      sinceYield += part.length;
      if (sinceYield >= YIELD_AFTER_BYTES || performance.now() - lastYield > YIELD_AFTER_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
        sinceYield = 0;
      }
      if (truncated) break;
    }
    if (utf16) feed(Buffer.from(utf16.decode()));
  } catch (err) {
    // Damaged gzip is the user's file; anything else (a size limit, a dropped connection) is the caller's to handle.
    if (!isZlibError(err)) throw err;
    flush();
    return withDamagedGzip(scanner.finish({ bytes, truncated: true, damaged: true }));
  }
  flush();
  return conclude(scanner, { bytes, truncated }, options, reader.notUtf8() ? [NOT_UTF8_NOTE] : []);
}

const NOT_UTF8_NOTE = 'The file is not valid UTF-8; it was read as Windows-1252 (Western European Windows) text.';

/** The answer for a gzip that broke part-way (or at once): what was read, and a sentence saying so. */
export function withDamagedGzip(d: Diagnosis): Diagnosis {
  const input = { ...d.input, truncated: true };
  if (input.bytes === 0) {
    return {
      ...d,
      input,
      notes: [
        'The gzip file is damaged or incomplete: nothing could be unpacked from it. Compress the log again (or send it uncompressed) and try once more.',
      ],
    };
  }
  const note =
    'The gzip data is damaged or incomplete, so the file could not be read to the end; this answer covers the part that was read.';
  return { ...d, input, notes: [note, ...d.notes.filter((n) => n !== note)] };
}

export function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Pastes above this size are read in pieces, so a 10 MB paste cannot hold the event loop (and a Slack ack) hostage. */
const LARGE_TEXT = 256 * 1024;
const TEXT_PIECE = 64 * 1024;

/** `diagnose(text)` for text of any size: the same reading, but a big paste yields to other work as it goes. */
export async function diagnoseText(text: string, options: StreamOptions = {}): Promise<Diagnosis> {
  if (text.length <= LARGE_TEXT) {
    const scanner = new Scanner(options);
    const input = scanText(scanner, text, options.maxBytes);
    return conclude(scanner, input, options);
  }
  const normalized = normalizeChat(text);
  function* pieces(): Generator<string> {
    for (let i = 0; i < normalized.length; i += TEXT_PIECE) yield normalized.slice(i, i + TEXT_PIECE);
  }
  return diagnoseStream(pieces(), options);
}
