import type { Diagnosis } from '../core/types.js';
import { describeFacts, type FactLine, headline, secretWarning } from '../render/summary.js';

// What the page shows beside the Diagnosis: the shared summary wording and the exact chat messages the bots would send.

type SlackRender = (d: Diagnosis) => { text: string; blocks: unknown[] };
type TeamsRender = (d: Diagnosis) => { summary: string; card: Record<string, unknown> };

export interface Summary {
  headline: string;
  facts: FactLine[];
  secretWarning: string | null;
}

export type Preview<T> = { available: true; message: T } | { available: false; reason: string };

export interface PlaygroundAnswer {
  diagnosis: Diagnosis;
  /** For "Fixed it" / "Not it" (POST /api/feedback); absent when this install does not learn (LEARN=off). */
  answerId?: string;
  summary: Summary;
  /** Lines of the paste box's text that held a secret: the page blanks them in its own copy. Never the text. */
  secretLines: number[];
  slack: Preview<{ text: string; blocks: unknown[] }>;
  teams: Preview<{ summary: string; card: Record<string, unknown> }>;
}

export interface Renderers {
  slack?: SlackRender;
  teams?: TeamsRender;
}

function preview<T>(render: ((d: Diagnosis) => T) | undefined, d: Diagnosis, what: string): Preview<T> {
  if (!render) return { available: false, reason: `The ${what} is not built into this version yet.` };
  try {
    return { available: true, message: render(d) };
  } catch {
    return { available: false, reason: `The ${what} could not be rendered for this answer.` };
  }
}

export function summarize(d: Diagnosis): Summary {
  return { headline: headline(d), facts: describeFacts(d.facts), secretWarning: secretWarning(d, 'here') };
}

export function playgroundAnswer(
  d: Diagnosis,
  renderers: Renderers,
  secretLines: number[] = [],
  answerId?: string,
): PlaygroundAnswer {
  return {
    diagnosis: d,
    ...(answerId ? { answerId } : {}),
    summary: summarize(d),
    secretLines,
    slack: preview(renderers.slack, d, 'Slack message preview'),
    teams: preview(renderers.teams, d, 'Teams card preview'),
  };
}
