import { normalizeChat, normalizeLine } from './normalize.js';
import { redactSecrets } from './secrets.js';

const IGNORE = { secret() {}, token() {}, malformedToken() {} };

/**
 * The paste as the core sees it, with every secret replaced. Front doors keep this (never the raw text) when they
 * must hold on to a paste, e.g. to re-run a diagnosis when someone answers one of its questions.
 */
export function redactText(text: string): string {
  return normalizeChat(text)
    .split('\n')
    .map((line) => redactSecrets(normalizeLine(line), IGNORE))
    .join('\n');
}
