import type { AppContext } from '../context.js';
import { decodeText, redactText } from '../core/index.js';
import type { Diagnosis } from '../core/types.js';
import type { Door } from './learner.js';

// What every front door does with an answer it gives: record it (and, with no finding, its redacted text as an
// unknown), and keep the redacted text in memory under the answer's id, so "Not it — keep the paste" and question
// buttons can find it. Nothing happens with LEARN=off.

/** Records an answer; its id for the feedback buttons, or undefined when this install does not learn. */
/** `redacted` may be a function: redacting a paste costs as much as diagnosing it, so it is done only when kept. */
export function recordAnswer(
  ctx: AppContext,
  door: Door,
  d: Diagnosis,
  redacted: string | (() => string),
): string | undefined {
  if (!ctx.learner.on) return undefined;
  const text = typeof redacted === 'function' ? redacted() : redacted;
  const id = ctx.learner.answered(door, d, text);
  ctx.pastes.putAs(id, text);
  return id;
}

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
