import type { AppContext } from '../context.js';
import type { Diagnosis } from '../core/types.js';
import type { Door } from './learner.js';

// What every front door does with an answer it gives: record it (and, with no finding, its redacted text as an
// unknown), and keep the redacted text in the state port under the answer's id, so "Not it — keep the paste" and question
// buttons can find it. Nothing happens with LEARN=off.

/**
 * Records an answer; its id for the feedback buttons, or undefined when this install does not learn. `redacted` may
 * be a function: redacting a paste costs as much as diagnosing it, so it is done only when kept.
 */
export async function recordAnswer(
  ctx: AppContext,
  door: Door,
  d: Diagnosis,
  redacted: string | (() => string),
): Promise<string | undefined> {
  ctx.metrics.answered(door, d);
  if (!ctx.learner.on) return undefined;
  const text = typeof redacted === 'function' ? redacted() : redacted;
  const id = await ctx.learner.answered(door, d, text);
  await ctx.pastes.putAs(id, text);
  return id;
}
