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
  let number = 0;
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    number++;
    if (holdsSecret(text, start, stop, state)) lines.push(number);
    start = stop + 1;
  }
  return lines;
}

/** A line longer than this is judged in overlapping pieces, so memory stays bounded on a 10 MB line. */
const PIECE = 64 * 1024;
/** Each piece starts this far before the last one ended: any value shorter than that lies whole in some piece. */
const OVERLAP = 8 * 1024;

function holdsSecret(text: string, start: number, stop: number, state: RedactionState): boolean {
  const judge = (piece: string, s: RedactionState) => {
    const plain = normalizeLine(piece);
    return maskLikelySecrets(redactSecrets(plain, IGNORE, undefined, s)) !== plain;
  };
  if (stop - start <= PIECE) return judge(text.slice(start, stop), state);
  let found = false;
  for (let at = start; at < stop && !found; at += PIECE - OVERLAP) {
    // Pieces after the first carry nothing over: their start may be mid-value, which judging alone cannot tell.
    found = judge(text.slice(at, Math.min(stop, at + PIECE)), at === start ? state : {});
  }
  return found;
}
