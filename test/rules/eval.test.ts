import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, listFixtures, score } from '../../scripts/eval.js';
import { DOC_PATH, renderRulesDoc } from '../../scripts/gen-rules-doc.js';
import { diagnose } from '../../src/core/index.js';
import { RULES } from '../../src/core/rules/index.js';

describe('the fixture eval', () => {
  it('has at least one positive and one near-miss fixture for every rule', () => {
    const fixtures = listFixtures();
    for (const r of RULES) {
      expect(
        fixtures.some((f) => f.rule === r.id && f.kind === 'positive'),
        r.id,
      ).toBe(true);
      expect(
        fixtures.some((f) => f.rule === r.id && f.kind === 'near-miss'),
        r.id,
      ).toBe(true);
    }
    // Every fixture folder is a rule id, so a renamed rule cannot leave its fixtures unscored.
    for (const f of fixtures) expect(RULES.map((r) => r.id)).toContain(f.rule);
  });

  it('holds 100% recall and top-1 with no false alarm on our fixtures', async () => {
    const outcomes = await evaluate();
    const { overall } = score(outcomes);
    const misses = outcomes
      .filter((o) => (o.fixture.kind === 'positive' && !o.top1) || o.falseAlarm)
      .map((o) => `${o.fixture.file} → [${o.ids.join(', ')}]`);
    expect(misses).toEqual([]);
    expect(overall.hits).toBe(overall.positives);
    expect(overall.falseAlarms).toBe(0);
  });

  it('loses nothing to the prefilter: every fixture gives the same ids when every line is checked', () => {
    for (const f of listFixtures()) {
      const text = readFileSync(f.file, 'utf8');
      const fast = diagnose(text).findings.map((x) => x.id);
      const full = diagnose(text, { skipPrefilter: true }).findings.map((x) => x.id);
      expect(fast, f.file).toEqual(full);
    }
  });
});

describe('docs/rules.md', () => {
  it('matches the catalogue (run `npm run docs:rules` after changing a rule)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderRulesDoc());
    for (const r of RULES) expect(renderRulesDoc()).toContain(`\`${r.id}\``);
  });
});
