import { describe, expect, it } from 'vitest';
import { HOST } from '../../src/core/facts.js';
import { diagnose } from '../../src/core/index.js';
import { RULES } from '../../src/core/rules/index.js';
import { ALL_SIGNATURES } from '../../src/core/signatures.js';

// Every pattern must stay linear. What makes a regular expression backtrack without end is a repeated group whose
// body repeats too, like (a+)+ or (?:\s*x)*: this finds that shape in every pattern's source, so the guarantee does
// not hang on how busy the machine is. How long the patterns take on hostile lines is `npm run bench:patterns`.

const SIGNATURES = RULES.length > 0 ? ALL_SIGNATURES : [];

/** Quantified groups (more than once) whose body holds a repetition: the shape that backtracks. */
function nestedRepeats(source: string): string[] {
  const found: string[] = [];
  const stack: { start: number; inner: boolean }[] = [];
  const most = (q: string) => {
    if (q === '+' || q === '*') return Number.POSITIVE_INFINITY;
    const [, low, comma, high] = /\{(\d+)(,?)(\d*)\}/.exec(q) ?? [];
    return comma ? (high ? Number(high) : Number.POSITIVE_INFINITY) : Number(low);
  };
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    let atom = source[i];
    if (atom === '\\') {
      i++;
      atom = 'x';
    } else if (inClass) {
      if (atom !== ']') continue;
      inClass = false;
      atom = 'x';
    }
    const q = /^(?:[+*]|\{\d+(?:,\d*)?\})/.exec(source.slice(i + 1))?.[0];
    const repeats = q !== undefined && most(q) > 1;
    if (atom === '[') inClass = true;
    else if (atom === '(') stack.push({ start: i, inner: false });
    else if (atom === ')') {
      const group = stack.pop();
      if (!group) continue;
      if (repeats && group.inner) found.push(source.slice(group.start, i + 1 + (q?.length ?? 0)));
      const parent = stack.at(-1);
      if (parent && (group.inner || repeats)) parent.inner = true;
    } else if (repeats && stack.length > 0) {
      const top = stack.at(-1);
      if (top) top.inner = true;
    }
  }
  return found;
}

/** Repeated groups that cannot backtrack, each with why: the repetition starts with a character its body cannot hold. */
const SAFE = new Map([
  ['(?:\\.[a-z0-9-]{1,63}){1,6}', 'each label starts with a dot, which a label cannot contain'],
  ['(?:[a-z0-9-]{1,63}\\.){1,6}', 'each label ends with a dot, which a label cannot contain'],
]);

describe('no pattern can backtrack without end', () => {
  it('finds the backtracking shape where it is (the check itself can fail)', () => {
    expect(nestedRepeats(/(a+)+b/.source)).toEqual(['(a+)+']);
    expect(nestedRepeats(/(?:\s*x)*/.source)).toEqual(['(?:\\s*x)*']);
    expect(nestedRepeats(/(?:[a-z]{0,80}\s){2,}/.source)).toHaveLength(1);
    expect(nestedRepeats(/(?:ab){1,3}c+/.source)).toEqual([]);
    expect(nestedRepeats(/[(a+)+]/.source)).toEqual([]);
  });

  it.each([...SIGNATURES.map((s) => [`signature ${s.name}`, s.re] as const), ['the host pattern', HOST] as const])(
    '%s has no repeated group that repeats inside',
    (_name, re) => {
      expect(nestedRepeats(re.source).filter((g) => !SAFE.has(g))).toEqual([]);
    },
  );

  it('reads hostile lines built from its own words to the end, with the right answer', () => {
    const line = 'the client secret expired and basic auth was turned off because '.repeat(1000);
    expect(() => diagnose(line)).not.toThrow();
    expect(diagnose(`imaps://a:${'@'.repeat(64 * 1024)}`).input.lines).toBe(1);
  });
});
