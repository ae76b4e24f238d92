import { decodeText, redactText } from '../core/index.js';

// What is kept of a big paste or upload for the learning record: its first lines, redacted.

/** What is read of a streamed upload for the record: its first bytes, so an unknown has an example to show. */
export const EXCERPT_BYTES = 64 * 1024;

/** The first EXCERPT_BYTES of a paste, whole lines only, redacted: what is kept of a big one. */
export function redactedExcerpt(text: string): string {
  if (text.length <= EXCERPT_BYTES) return redactText(text);
  const cut = text.lastIndexOf('\n', EXCERPT_BYTES);
  return redactText(text.slice(0, cut > 0 ? cut + 1 : EXCERPT_BYTES));
}

/** Passes chunks through and keeps the first EXCERPT_BYTES; `text()` is that part, redacted. */
export function excerpt<T extends Uint8Array>(source: AsyncIterable<T>) {
  const kept: Uint8Array[] = [];
  let size = 0;
  async function* stream(): AsyncGenerator<T> {
    for await (const chunk of source) {
      if (size < EXCERPT_BYTES) kept.push(chunk.subarray(0, EXCERPT_BYTES - size));
      size += chunk.length;
      yield chunk;
    }
  }
  const text = () => {
    const head = Buffer.concat(kept);
    // A gzip's bytes say nothing to a reader; its facts still give the unknown its shape.
    if (head[0] === 0x1f && head[1] === 0x8b) return '';
    // Decoded first (UTF-16 has two bytes per character), then cut after the last whole line.
    const text = decodeText(head);
    return redactText(size > EXCERPT_BYTES ? text.slice(0, text.lastIndexOf('\n') + 1) : text);
  };
  return { stream: stream(), text };
}
