import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type DiagnoseOptions, Scanner } from './diagnose.js';
import type { Diagnosis } from './types.js';

/** A line longer than this is examined in pieces as it arrives, so memory stays bounded on files with no newlines. */
const MAX_CARRY = 1024 * 1024;
/** Give other work on the event loop a turn after roughly this many bytes. */
const YIELD_EVERY = 256 * 1024;
const SNIFF_BYTES = 8192;

type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 27) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
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
    const next = await it.next();
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
   * Called once the whole input is read. Text it returns is read as if it followed the input, and the answer is
   * worked out again from everything seen, without re-reading the input. Front doors use it to add what they learnt
   * elsewhere, such as the tenant's cloud from Microsoft's metadata.
   */
  followUp?: (first: Diagnosis) => Promise<string | null>;
}

export async function diagnoseStream(source: Chunks, options: StreamOptions = {}): Promise<Diagnosis> {
  const scanner = new Scanner(options);
  let carry = '';
  let continued = false;
  let bytes = 0;
  let truncated = false;
  let notUtf8 = false;

  const feed = (text: string) => {
    const all = carry ? carry + text : text;
    let start = 0;
    for (;;) {
      const end = all.indexOf('\n', start);
      if (end === -1) break;
      scanner.push(all.charCodeAt(end - 1) === 13 ? all.slice(start, end - 1) : all.slice(start, end), continued);
      continued = false;
      start = end + 1;
    }
    carry = all.slice(start);
    if (carry.length > MAX_CARRY) {
      scanner.push(carry, continued);
      continued = true;
      carry = '';
    }
  };

  try {
    let { head, rest } = await sniff(source);
    let chunks: AsyncIterable<Uint8Array> = replay(head, rest);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      ({ head, rest } = await sniff(Readable.from(chunks).pipe(createGunzip())));
      chunks = replay(head, rest);
    }
    const utf16 = head[0] === 0xff && head[1] === 0xfe;
    if (!utf16 && looksBinary(head.subarray(0, SNIFF_BYTES))) {
      const d = scanner.finish({ bytes: 0, binary: true });
      d.notes.unshift(BINARY_NOTE);
      return d;
    }
    // TextDecoder drops a UTF-8 or UTF-16 byte-order mark by itself.
    let decoder = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8', { fatal: !utf16 });
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    let sinceYield = 0;
    for await (const chunk of chunks) {
      const part = bytes + chunk.length > limit ? chunk.subarray(0, limit - bytes) : chunk;
      truncated = part !== chunk;
      bytes += part.length;
      let text: string;
      try {
        text = decoder.decode(part, { stream: true });
      } catch {
        // Not UTF-8: Windows tools often write cp1252, which latin1 reads well enough for every pattern we use.
        notUtf8 = true;
        decoder = new TextDecoder('latin1');
        text = decoder.decode(part, { stream: true });
      }
      feed(text);
      sinceYield += part.length;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
      if (truncated) break;
    }
    feed(decoder.decode());
  } catch (err) {
    // Damaged gzip is the user's file; anything else (a size limit, a dropped connection) is the caller's to handle.
    if (!isZlibError(err)) throw err;
    if (carry) scanner.push(carry, continued);
    const d = scanner.finish({ bytes, truncated: true });
    d.notes.unshift(
      'The gzip data is damaged or incomplete, so the file could not be read to the end; this answer covers the part that was read.',
    );
    return d;
  }
  if (carry) scanner.push(carry, continued);
  const finish = () => {
    const d = scanner.finish({ bytes, truncated });
    if (notUtf8) d.notes.push('The file is not valid UTF-8; it was read as Windows/Latin-1 text.');
    return d;
  };
  const first = finish();
  const more = options.followUp ? await options.followUp(first) : null;
  if (!more) return first;
  for (const line of more.split('\n')) scanner.push(line);
  const d = finish();
  d.input.lines = first.input.lines;
  return d;
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
