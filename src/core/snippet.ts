const EVIDENCE_WIDTH = 240;

/** A short, whole-word window of a (redacted) line around where the match was. */
export function snippet(line: string, index: number): string {
  const text = line.trim();
  if (text.length <= EVIDENCE_WIDTH) return text;
  const offset = line.length - line.trimStart().length;
  let start = Math.max(0, index - offset - 60);
  let end = Math.min(text.length, start + EVIDENCE_WIDTH);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '… ' : ''}${text.slice(start, end).trim()}${end < text.length ? ' …' : ''}`;
}
