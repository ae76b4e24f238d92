import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/corpus.js';
import { hintsIn } from '../../src/core/diagnose.js';
import { HintAutomaton, type HintedLine, LineHints } from '../../src/core/hints.js';
import { RULES } from '../../src/core/index.js';
import { normalizeChat, normalizeLine } from '../../src/core/normalize.js';
import { redactSecrets } from '../../src/core/secrets.js';
import { ALL_SIGNATURES } from '../../src/core/signatures.js';
import { allFixtures } from '../helpers.js';

// The automaton finds hints like a fast searcher; a pattern runs only where one of its hints is. Both halves are
// tested: the automaton against a plain search, and every signature's hints against what it matches in real text.

const automaton = (...hints: string[]) => new HintAutomaton(hints.map((text, id) => ({ text, id })));
const found = (a: HintAutomaton, text: string, size: number) => {
  const seen = new LineHints(size);
  a.mark(text, seen);
  return Array.from({ length: size }, (_, id) => id).filter((id) => seen.has(id));
};

describe('the hint automaton', () => {
  it('finds every hint in a line, overlapping and nested ones too, in any ASCII case', () => {
    const a = automaton('token', 'access_token', 'ken', 'bearer');
    expect(found(a, 'the ACCESS_TOKEN is here', 4)).toEqual([0, 1, 2]);
    expect(found(a, 'Authorization: Bearer x', 4)).toEqual([3]);
    expect(found(a, 'nothing to see', 4)).toEqual([]);
  });

  it('agrees with a plain case-insensitive search on every line of the fixtures', () => {
    const hints = ['secret', 'aadsts', 'graph.microsoft', 'offline_access', '://', 'eyj', 'exception', '%2'];
    const a = automaton(...hints);
    for (const [, text] of allFixtures()) {
      for (const line of text.split('\n')) {
        const expected = hints.map((h, id) => (line.toLowerCase().includes(h) ? id : -1)).filter((id) => id >= 0);
        expect(found(a, line, hints.length), line).toEqual(expected);
      }
    }
  });

  it('finds hinted lines in a block of bytes, counting the lines it skips', () => {
    const a = automaton('aadsts');
    const text = 'clean one\nclean two\r\nERROR AADSTS700016 here\nclean three\nlast aadsts\n';
    const bytes = Buffer.from(text);
    const at: HintedLine = { start: 0, end: 0, newlinesBefore: 0 };
    expect(a.nextHintedLine(bytes, 0, bytes.length, at)).toBe(true);
    expect(bytes.subarray(at.start, at.end).toString()).toBe('ERROR AADSTS700016 here');
    expect(at.newlinesBefore).toBe(2);
    expect(a.nextHintedLine(bytes, at.end + 1, bytes.length, at)).toBe(true);
    expect(bytes.subarray(at.start, at.end).toString()).toBe('last aadsts');
    expect(at.newlinesBefore).toBe(1);
    expect(a.nextHintedLine(bytes, at.end + 1, bytes.length, at)).toBe(false);
  });

  it('does not take a UTF-8 byte for a newline or a hint', () => {
    // "Ê" is C3 8A in UTF-8: 0x8A has the low bits of a newline.
    const a = automaton('aadsts');
    const bytes = Buffer.from('Ê Ê Ê\nAADSTS50126\n');
    const at: HintedLine = { start: 0, end: 0, newlinesBefore: 0 };
    expect(a.nextHintedLine(bytes, 0, bytes.length, at)).toBe(true);
    expect(at.newlinesBefore).toBe(1);
    expect(a.testBytes(Buffer.from('ÄÖÜ ñ ß'))).toBe(false);
  });
});

describe("each signature's hints", () => {
  it('are in every line it matches, in the fixtures and the corpus (after the clean-up and redaction it runs on)', () => {
    expect(RULES.length).toBeGreaterThan(40);
    const sink = { secret() {}, token() {}, malformedToken() {} };
    const texts = [...allFixtures().map(([, t]) => t), ...loadCorpus().map((c) => c.text)];
    const missed: string[] = [];
    for (const text of texts) {
      for (const raw of normalizeChat(text).split('\n')) {
        const clean = redactSecrets(normalizeLine(raw), sink);
        const gate = hintsIn(clean);
        for (const sig of ALL_SIGNATURES) {
          const m = sig.re.exec(clean);
          if (m && !gate.any(sig.hintIds)) missed.push(`${sig.name}: ${m[0].slice(0, 80)}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });
});
