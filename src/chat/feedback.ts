import type { AppContext } from '../context.js';
import type { Door, Verdict } from '../learn/learner.js';

// "Fixed it" / "Not it" in Slack and Teams, decided once: what a click records, and what the buttons become.

/** What a finding's feedback buttons give way to. */
export type FeedbackState = 'recorded' | 'keep-offered' | 'kept' | 'unavailable' | 'too-old';

export const FEEDBACK_WORDS: Record<FeedbackState, string> = {
  recorded: 'Thanks — recorded.',
  'keep-offered':
    'Thanks — recorded. Would you let this install keep the paste, with its secrets removed, so a rule can learn it?',
  kept: 'Kept, with its secrets removed. Thank you.',
  unavailable: 'Thanks — but it could not be saved right now.',
  'too-old': 'Thanks — recorded. The paste is too old to keep (I hold pastes for a day).',
};

/** Records a click; "Not it" offers to keep the paste when it is still held. */
export function recordFeedback(
  ctx: AppContext,
  door: Door,
  input: { answerId: string; rule: string; person: string; verdict: Verdict },
): FeedbackState {
  const result = ctx.learner.feedback({ ...input, door });
  if (result === 'unavailable') return 'unavailable';
  if (input.verdict === 'not-it' && result === 'recorded' && ctx.pastes.get(input.answerId) !== undefined) {
    return 'keep-offered';
  }
  return 'recorded';
}

/** Keeps the paste behind an answer someone said was not it, with their agreement. */
export async function keepPaste(ctx: AppContext, door: Door, answerId: string): Promise<FeedbackState> {
  const paste = ctx.pastes.get(answerId);
  if (paste === undefined) return 'too-old';
  ctx.learner.keep(answerId, door, paste, await ctx.doctor.text(paste));
  return 'kept';
}
