import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/corpus.js';
import { STAMP_MAX, stampLength, stampLengthOfText } from '../../src/core/timestamp.js';
import { allFixtures } from '../helpers.js';

// The timestamp the scanner reads past, read from bytes by hand (it runs on every hinted line of a big log). The
// grammar it must keep, as a regular expression: the two must agree on every line of the fixtures and the corpus, and
// on stamps bent every way one character at a time.

const SPEC = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?[ \t]/;
const spec = (line: string) => SPEC.exec(line)?.[0].length ?? 0;

const STAMPS = [
  '2024-05-02 10:00:01,123+0000 ',
  '2024-05-02T10:00:01.123456789Z\t',
  '2024-05-02 10:00:01 ',
  '2024-05-02T10:00:01+02:00 ',
  '2024-05-02 10:00:01,5-0700 ',
];
const ALPHABET = ['0', '9', '-', ':', ',', '.', ' ', '\t', 'T', 'Z', '+', 'x', 'é', ''];

function* bent(stamp: string): Generator<string> {
  for (let i = 0; i <= stamp.length; i++) {
    for (const c of ALPHABET) {
      yield `${stamp.slice(0, i)}${c}${stamp.slice(i + 1)}DEBUG message`;
      yield `${stamp.slice(0, i)}${c}${stamp.slice(i)}DEBUG message`;
    }
  }
}

describe('a leading timestamp', () => {
  it('is read as the grammar says, on every real line and every bent stamp, from text and from bytes', () => {
    const lines = [
      ...allFixtures().flatMap(([, text]) => text.split('\n')),
      ...loadCorpus().flatMap((c) => c.text.split('\n')),
      ...STAMPS.flatMap((s) => [...bent(s)]),
    ];
    let stamped = 0;
    for (const line of lines) {
      const expected = spec(line);
      if (expected > 0) stamped++;
      expect(stampLengthOfText(line), line).toBe(expected);
      const ascii = Buffer.from(line, 'latin1');
      if (ascii.toString('latin1') === line) expect(stampLength(ascii), line).toBe(expected);
      expect(expected).toBeLessThanOrEqual(STAMP_MAX);
    }
    // Real logs in the fixtures and the corpus carry stamps, and the bent ones still hold some.
    expect(stamped).toBeGreaterThan(500);
  });

  it('reads from an offset in a block of bytes', () => {
    const block = Buffer.from('first line\n2024-05-02 10:00:01,123+0000 ERROR x\n');
    expect(stampLength(block, 11)).toBe(29);
    expect(stampLength(block, 0)).toBe(0);
    // Never past the end it is given: a stamp cut short is no stamp, whatever follows.
    expect(stampLength(block, 11, 11 + 28)).toBe(0);
  });
});
