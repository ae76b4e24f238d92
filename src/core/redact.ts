import { normalizeChat, normalizeLine } from './normalize.js';
import { maskLikelySecrets } from './output-filter.js';
import { type RedactionState, redactSecrets } from './secrets.js';

const IGNORE = { secret() {}, token() {}, malformedToken() {} };

/**
 * The paste as the core sees it, with every secret replaced. Front doors keep this (never the raw text) when they
 * must hold on to a paste, e.g. to re-run a diagnosis when someone answers one of its questions.
 */
export function redactText(text: string): string {
  const state: RedactionState = {};
  return normalizeChat(text)
    .split('\n')
    .map((line) => maskLikelySecrets(redactSecrets(normalizeLine(line), IGNORE, undefined, state)))
    .join('\n');
}

/**
 * The lines (1-based, as the text was given) that held a secret: what a page may blank in its own copy of the paste,
 * so the paste itself never has to be sent back.
 */
export function linesHoldingSecrets(text: string): number[] {
  const state: RedactionState = {};
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    const plain = normalizeLine(line);
    if (maskLikelySecrets(redactSecrets(plain, IGNORE, undefined, state)) !== plain) lines.push(i + 1);
  });
  return lines;
}
