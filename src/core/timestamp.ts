// A log line's leading timestamp and the one space or tab after it: `2024-05-02 10:00:01,123+0000 ` (Jira's), or ISO
// 8601 with `T`, a fraction of up to nine digits and `Z` or an offset. The scanner reads past it (no pattern needs the
// time), so the same message at another time is the same text. Read from bytes without making a string: it runs on
// every hinted line of a big log. Every character of a timestamp is ASCII, so text gives the same length as bytes.

const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

/** The timestamp's length (with its space), or 0, at codes[start, end): the bytes of a line, or a text's char codes. */
export function stampLength(codes: ArrayLike<number>, start = 0, end = codes.length): number {
  const at = (i: number) => (start + i < end ? codes[start + i] : undefined);
  for (const i of DIGITS) if (!isDigit(at(i))) return 0;
  if (at(4) !== 45 || at(7) !== 45 || (at(10) !== 32 && at(10) !== 84) || at(13) !== 58 || at(16) !== 58) return 0;
  let i = 19;
  if ((at(i) === 46 || at(i) === 44) && isDigit(at(i + 1))) {
    i++;
    for (let n = 0; n < 9 && isDigit(at(i)); n++) i++;
  }
  if (at(i) === 90) {
    i++;
  } else if ((at(i) === 43 || at(i) === 45) && isDigit(at(i + 1)) && isDigit(at(i + 2))) {
    const minutes = at(i + 3) === 58 ? i + 4 : i + 3;
    if (isDigit(at(minutes)) && isDigit(at(minutes + 1))) i = minutes + 2;
  }
  return at(i) === 32 || at(i) === 9 ? i + 1 : 0;
}
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
