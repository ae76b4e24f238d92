import { describe, expect, it } from 'vitest';
import { HOST } from '../../src/core/facts.js';
import { diagnose } from '../../src/core/index.js';
import { RULES } from '../../src/core/rules/index.js';
import { ALL_SIGNATURES } from '../../src/core/signatures.js';

// Every pattern must stay linear: a hostile line built from a pattern's own words must not make it backtrack. A
// backtracking pattern takes seconds to minutes on these; a linear one, milliseconds.

// Every signature, shared ones and those in rule files (importing the rules registers them all).
const SIGNATURES = RULES.length > 0 ? ALL_SIGNATURES : [];
const SLICE = 64 * 1024; // the longest piece of a line any pattern sees
const fill = (unit: string) => unit.repeat(Math.ceil(SLICE / unit.length)).slice(0, SLICE);

/** Lines that defeat a pattern built on these words: the words repeated, glued, spaced, with noise between. */
const hostile = (hint: string) => [
  fill(`${hint} `),
  fill(hint),
  fill(`${hint}a-`),
  fill(`${hint}=`),
  fill(`${hint}: a.b `),
  `${hint} ${'a'.repeat(SLICE)}`,
  `${hint}${' '.repeat(SLICE)}x`,
];

const time = (f: () => void) => {
  const started = performance.now();
  f();
  return performance.now() - started;
};

describe('no pattern backtracks on hostile input', () => {
  it.each(SIGNATURES.map((s) => [s.name, s] as const))('signature %s', (_name, sig) => {
    for (const hint of sig.hints) {
      for (const line of hostile(hint)) {
        const ms = time(() => {
          sig.re.lastIndex = 0;
          sig.re.exec(line);
        });
        expect(ms, `${sig.name} on ${JSON.stringify(line.slice(0, 40))}…`).toBeLessThan(250);
      }
    }
  });

  it('the host pattern reads 9.6 MB of host-like labels (a-a-…-a.) in well under a second', () => {
    const line = `${'a-'.repeat(30)}a.`.repeat(160_000);
    expect(line.length).toBeGreaterThan(9_000_000);
    const ms = time(() => {
      for (let i = 0; i < line.length; i += SLICE) [...line.slice(i, i + SLICE).matchAll(HOST)];
    });
    expect(ms).toBeLessThan(100 * 10);
    // What the old pattern took 13 s over: one slice of it now takes a fraction of a millisecond.
    expect(time(() => [...line.slice(0, SLICE).matchAll(HOST)])).toBeLessThan(100);
  });

  it.each([
    ['words people say, repeated', fill('the client secret expired and basic auth was turned off because ')],
    ['statement openers with nothing after', fill('turned off ')],
    ['admin consent words', fill('admin consent was never ')],
    ['proxy words', fill('behind a corporate proxy to get access to the ')],
    ['code calls', fill('NetworkCredential("a", ')],
    ['URL userinfo', `imaps://a:${'@'.repeat(SLICE)}`],
    ['key=value with nothing', fill('aPassword=')],
    ['HTML cells', fill('<td>Password</td><td>')],
    ['mixed scripts', fill('раssword ')],
    ['percent runs', fill('%25%32')],
  ])('the whole reading of %s stays fast', (_name, line) => {
    expect(time(() => diagnose(line))).toBeLessThan(1500);
  });
});
