// A log line's leading timestamp and the one space or tab after it: `2024-05-02 10:00:01,123+0000 ` (Jira's), or ISO
// 8601 with `T`, a fraction of up to nine digits and `Z` or an offset. The scanner reads past it (no pattern needs the
// time), so the same message at another time is the same text. Read from bytes without making a string: it runs on
// every hinted line of a big log. Every character of a timestamp is ASCII, so text gives the same length as bytes.

const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

/**
 * The timestamp's length (with its space), or 0, at codes[start, end): the bytes of a line, or a text's char codes.
 * Plain reads, no closure or iterator: it runs once per hinted line, and allocating there meant garbage per line.
 */
export function stampLength(codes: ArrayLike<number>, start = 0, end = codes.length): number {
  const n = end - start;
  if (n < 20) return 0;
  for (let d = 0; d < DIGITS.length; d++) if (!isDigit(codes[start + (DIGITS[d] as number)])) return 0;
  const separator = codes[start + 10];
  if (
    codes[start + 4] !== 45 ||
    codes[start + 7] !== 45 ||
    (separator !== 32 && separator !== 84) ||
    codes[start + 13] !== 58 ||
    codes[start + 16] !== 58
  )
    return 0;
  let i = 19;
  const fraction = codeAt(codes, start, n, i);
  if ((fraction === 46 || fraction === 44) && isDigit(codeAt(codes, start, n, i + 1))) {
    i++;
    for (let k = 0; k < 9 && isDigit(codeAt(codes, start, n, i)); k++) i++;
  }
  const zone = codeAt(codes, start, n, i);
  if (zone === 90) {
    i++;
  } else if (
    (zone === 43 || zone === 45) &&
    isDigit(codeAt(codes, start, n, i + 1)) &&
    isDigit(codeAt(codes, start, n, i + 2))
  ) {
    const minutes = codeAt(codes, start, n, i + 3) === 58 ? i + 4 : i + 3;
    if (isDigit(codeAt(codes, start, n, minutes)) && isDigit(codeAt(codes, start, n, minutes + 1))) i = minutes + 2;
  }
  const after = codeAt(codes, start, n, i);
  return after === 32 || after === 9 ? i + 1 : 0;
}
/** codes[start + i], or nothing past the `n` codes of the line. */
const codeAt = (codes: ArrayLike<number>, start: number, n: number, i: number) =>
  i < n ? codes[start + i] : undefined;
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/** The longest a timestamp and its space can be. */
export const STAMP_MAX = 36;
const head = new Uint16Array(STAMP_MAX);

/** The same for text (a paste's line). */
export function stampLengthOfText(text: string): number {
  if (text.charCodeAt(4) !== 45) return 0;
  const n = Math.min(text.length, STAMP_MAX);
  for (let i = 0; i < n; i++) head[i] = text.charCodeAt(i);
  return stampLength(n < STAMP_MAX ? head.subarray(0, n) : head);
}
