import { HOST } from '../src/core/facts.js';
import { diagnose } from '../src/core/index.js';
import { RULES } from '../src/core/rules/index.js';
import { ALL_SIGNATURES } from '../src/core/signatures.js';

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

// `npm run bench:patterns`: how long each pattern takes on hostile lines, printed, worst first. The test suite holds
// the shape of every pattern instead (test/security/patterns.test.ts): timings belong here, on a machine at rest.

const worst: { what: string; ms: number }[] = [];
for (const sig of SIGNATURES) {
  let ms = 0;
  for (const hint of sig.hints) {
    for (const line of hostile(hint)) {
      ms = Math.max(
        ms,
        time(() => {
          sig.re.lastIndex = 0;
          sig.re.exec(line);
        }),
      );
    }
  }
  worst.push({ what: `signature ${sig.name}`, ms });
}
const hostLine = `${'a-'.repeat(30)}a.`.repeat(160_000);
worst.push({
  what: `host pattern over ${(hostLine.length / 1e6).toFixed(1)} MB of a-a-…-a. labels`,
  ms: time(() => {
    for (let i = 0; i < hostLine.length; i += SLICE) [...hostLine.slice(i, i + SLICE).matchAll(HOST)];
  }),
});
const WHOLE: [string, string][] = [
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
];
for (const [name, line] of WHOLE) worst.push({ what: `whole reading of ${name}`, ms: time(() => diagnose(line)) });
worst.sort((a, b) => b.ms - a.ms);
process.stdout.write('Slowest patterns on hostile 64 KB lines (a backtracking one takes seconds):\n');
for (const { what, ms } of worst.slice(0, 15)) process.stdout.write(`  ${ms.toFixed(2).padStart(9)} ms  ${what}\n`);
