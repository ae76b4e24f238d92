import type { AppContext } from '../context.js';
import { StateUnavailable } from '../store/port.js';
import type { Door, Verdict } from './learner.js';

// "Fixed it" / "Not it" in Slack and Teams, decided once: what a click records, and what the buttons become.

/** What a finding's feedback buttons give way to. */
export type FeedbackState = 'recorded' | 'already' | 'queued' | 'keep-offered' | 'kept' | 'unavailable' | 'too-old';

export const FEEDBACK_WORDS: Record<FeedbackState, string> = {
  recorded: 'Thanks — recorded.',
  already: 'Thanks — you had already said so; it is recorded once.',
  queued: 'Thanks — noted. The shared store is down for a moment; it is saved as soon as the store is back.',
  'keep-offered':
    'Thanks — recorded. Would you let this install keep the paste, with its secrets removed, so a rule can learn it?',
  kept: 'Kept, with its secrets removed. Thank you.',
  unavailable: 'Thanks — but it could not be saved right now.',
  'too-old': 'Thanks — recorded. The paste is too old to keep (I hold pastes for a day).',
};

/** A kept paste, or undefined when it is gone or the shared store cannot be read. */
async function heldPaste(ctx: AppContext, answerId: string): Promise<string | undefined> {
  try {
    return await ctx.pastes.get(answerId);
  } catch (err) {
    if (err instanceof StateUnavailable) return undefined;
    throw err;
  }
}

/** Records a click; "Not it" offers to keep the paste when it is still held. */
export async function recordFeedback(
  ctx: AppContext,
  door: Door,
  input: { answerId: string; rule: string; person: string; verdict: Verdict },
): Promise<FeedbackState> {
  const result = await ctx.learner.feedback({ ...input, door });
  if (result !== 'recorded') return result;
  if (input.verdict === 'not-it' && (await heldPaste(ctx, input.answerId)) !== undefined) {
    return 'keep-offered';
  }
  return 'recorded';
}

/** Keeps the paste behind an answer someone said was not it, with their agreement. */
export async function keepPaste(ctx: AppContext, door: Door, answerId: string): Promise<FeedbackState> {
  const paste = await heldPaste(ctx, answerId);
  if (paste === undefined) return 'too-old';
  await ctx.learner.keep(answerId, door, paste, await ctx.doctor.text(paste));
  return 'kept';
}
