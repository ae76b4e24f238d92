import { createHash } from 'node:crypto';
import type { Facts } from '../core/types.js';

// The shape of an unknown paste: what stays the same when the same failure is pasted again. Codes and exception
// names as they are; the error lines with their numbers, GUIDs, timestamps, hosts and addresses taken out. The same
// unknown seen forty times is then one row with a count of forty.

export interface Shape {
  /** A short hash of the parts below: the row's key. */
  key: string;
  codes: string[];
  exceptions: string[];
  phrases: string[];
}

const ERRORISH =
  /\b(?:error|exception|fail\w*|denied|invalid|unable|refused|rejected|cannot|can't|could not|not allowed|unauthori[sz]ed|forbidden|expired|timed? ?out|bad request|no such|not found|AADSTS\d+)\b/i;
const PHRASES = 5;
const PHRASE_CHARS = 160;

const STRIP: [RegExp, string][] = [
  // Redaction markers already stand for a secret of a kind: keep the kind, drop any claims.
  [/\[redacted ([a-z -]{2,40}?)(?: shaped like a GUID)?(?: aud=[^\]\s]{1,200})?(?: iss=[^\]\s]{1,200})?\]/gi, '<$1>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g, '<address>'],
  [/\bhttps?:\/\/[^\s"'<>]{1,2000}/gi, '<url>'],
  [/\b(?:[a-z0-9-]{1,63}\.){1,8}(?:com|net|org|us|cn|io|de|uk|local|internal)\b/gi, '<host>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, '<ip>'],
  [/\b[A-Za-z0-9+/_-]{32,4000}={0,2}/g, '<blob>'],
  [/\d+/g, '#'],
  [/\s+/g, ' '],
];

/** What a log line starts with (timestamp, level, thread) says nothing about the failure. */
const PREFIX =
  /^[\s#:.,+\-/[\]()TZ]{0,60}(?:(?:trace|debug|info|warn(?:ing)?|error|fatal|severe)\b[\s:]{0,5})?(?:\[[^\]]{0,80}\]\s{0,5})?/i;

/** An error line as its shape: lower case, volatile parts replaced, at most PHRASE_CHARS long. */
export function phraseOf(line: string): string {
  let out = line.slice(0, 4000);
  // The codes are kept whole, so AADSTS50126 and AADSTS50034 stay two shapes.
  const codes: string[] = [];
  out = out.replace(/\bAADSTS\d{4,7}\b/gi, (code) => {
    codes.push(code.toUpperCase());
    return `\uE000${codes.length - 1}\uE000`;
  });
  for (const [re, to] of STRIP) out = out.replace(re, to);
  out = out.replace(PREFIX, '');
  return restoreCodes(out, codes).trim().toLowerCase().slice(0, PHRASE_CHARS);
}

/** Puts the kept codes back where they stood (their index was turned into `#` with every other number). */
function restoreCodes(text: string, codes: string[]): string {
  let next = 0;
  return text.replace(/\uE000#\uE000/g, () => codes[next++] ?? '');
}

/** The shape of a redacted paste and of what the core read in it. */
export function shapeOf(redacted: string, facts: Pick<Facts, 'errorCodes' | 'exceptions'>): Shape {
  const codes = [...new Set(facts.errorCodes)].sort();
  const exceptions = [...new Set(facts.exceptions)].sort();
  const lines = redacted
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errorLines = lines.filter((l) => ERRORISH.test(l));
  // A paste with no error line (a sentence, a setting) is known by its first lines.
  const chosen = (errorLines.length > 0 ? errorLines : lines).slice(0, 200);
  const phrases = [...new Set(chosen.map(phraseOf).filter((p) => p.length > 0))].slice(0, PHRASES).sort();
  const key = createHash('sha256').update(JSON.stringify({ codes, exceptions, phrases })).digest('hex').slice(0, 16);
  return { key, codes, exceptions, phrases };
}
