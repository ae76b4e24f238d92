import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/rules/index.js';
import { ALL_SIGNATURES, DuplicateSignature, signature } from '../../src/core/signatures.js';

describe('the signature registry and the catalogue', () => {
  it('refuses a second signature under a name already taken, instead of dropping it without a word', () => {
    expect(() => signature('invalid-audience', /something else/, ['else'])).toThrow(DuplicateSignature);
    expect(ALL_SIGNATURES.filter((s) => s.name === 'invalid-audience')).toHaveLength(1);
  });

  it('holds every signature a rule lists, each name once', () => {
    const names = ALL_SIGNATURES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of RULES) for (const s of rule.signatures ?? []) expect(ALL_SIGNATURES).toContain(s);
  });

  it('gives every rule its own id and its own priority, so no tie between findings is left to the list order', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const priorities = RULES.map((r) => r.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(priorities.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
  });
});
