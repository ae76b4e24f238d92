// A line too long to examine whole is cut into pieces. A cut must never split a secret into pieces too short to be
// recognised (and so shown), so pieces end at a separator when there is one; where a cut has to go through a long
// run with none, the run's cut ends are dropped from both pieces.

const SEPARATORS = new Set([9, 10, 13, 32, 38, 44, 59]); // tab, newlines, space, & , ;

/** The index of the last separator in text[from, to), or -1. Works on strings and on raw bytes alike. */
export function lastSeparator(text: string | Uint8Array, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    if (SEPARATORS.has(typeof text === 'string' ? text.charCodeAt(i) : (text[i] as number))) return i;
  }
  return -1;
}

export function nextSeparator(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (SEPARATORS.has(text.charCodeAt(i))) return i;
  return -1;
}

/** Replaces the separator-free run a cut went through, at the start and/or the end of a piece, with "…". */
export function dropCutRuns(piece: string, head: boolean, tail: boolean): string {
  let start = 0;
  let end = piece.length;
  if (head) {
    while (start < end && !SEPARATORS.has(piece.charCodeAt(start))) start++;
  }
  if (tail) {
    while (end > start && !SEPARATORS.has(piece.charCodeAt(end - 1))) end--;
  }
  if (start === 0 && end === piece.length) return piece;
  return `${head ? '… ' : ''}${piece.slice(start, end)}${tail ? ' …' : ''}`;
}
