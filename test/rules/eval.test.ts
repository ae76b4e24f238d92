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

  it('scores the same through the real CLI (npm run eval) as in-process', async () => {
    const viaCli = await evaluate('cli');
    const inProcess = await evaluate('in-process');
    expect(viaCli.map((o) => [o.fixture.file, o.ids])).toEqual(inProcess.map((o) => [o.fixture.file, o.ids]));
    expect(score(viaCli).overall.falseAlarms).toBe(0);
  });

  it('loses nothing to the prefilter: every fixture gives the same ids when every line is checked', () => {
    // Rules resting on broad signatures (the user's words, handler names) are settled by the first lines of any
    // input, which are always read whole; every other rule must not depend on that window.
    const broad = new Set(RULES.filter((r) => r.signatures?.some((s) => s.broad)).map((r) => r.id));
    const ids = (d: ReturnType<typeof diagnose>) => d.findings.map((x) => x.id).filter((id) => !broad.has(id));
    expect(broad.size).toBeLessThan(RULES.length / 4);
    for (const f of listFixtures()) {
      const text = readFileSync(f.file, 'utf8');
      const fast = ids(diagnose(text, { fullScanLines: 0 }));
      const full = ids(diagnose(text, { fullScanLines: Number.POSITIVE_INFINITY }));
      expect(fast, f.file).toEqual(full);
      expect(diagnose(text).findings, f.file).toEqual(
        diagnose(text, { fullScanLines: Number.POSITIVE_INFINITY }).findings,
      );
    }
  });
});

describe('docs/rules.md', () => {
  it('matches the catalogue (run `npm run docs:rules` after changing a rule)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderRulesDoc());
    for (const r of RULES) expect(renderRulesDoc()).toContain(`\`${r.id}\``);
  });
});
