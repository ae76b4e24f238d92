// Runs every fixture under test/fixtures/<rule-id>/ and scores the catalogue: recall, top-1 and false alarms.
// positive-* must produce the directory's rule id (top-1: as the first finding); near-miss-* must not produce it.
// `out-of-scope/` is special: its positives must give no finding and an "out of scope" note.
// `npm run eval` goes through the real CLI: one `mailhandler-doctor diagnose <every fixture> --json` run, whose
// JSON lists each file's Diagnosis. `--in-process` calls diagnoseStream directly (what the CLI calls per file),
// which is what the vitest suite uses.
import { execFile } from 'node:child_process';
import { createReadStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { diagnoseStream } from '../src/core/index.js';
import type { Diagnosis } from '../src/core/types.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const FIXTURES = join(ROOT, 'test', 'fixtures');
const SKIP_DIRS = new Set(['seed']);
export const OUT_OF_SCOPE = 'out-of-scope';
export const OUT_OF_SCOPE_NOTE = /^This looks like /;

export interface Fixture {
  rule: string;
  kind: 'positive' | 'near-miss';
  file: string;
}

export function listFixtures(root = FIXTURES): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || SKIP_DIRS.has(dir.name)) continue;
    for (const name of readdirSync(join(root, dir.name)).sort()) {
      const kind = name.startsWith('positive-') ? 'positive' : name.startsWith('near-miss-') ? 'near-miss' : null;
      if (kind && /\.(?:txt|log)$/.test(name)) out.push({ rule: dir.name, kind, file: join(root, dir.name, name) });
    }
  }
  return out;
}

const run = promisify(execFile);

/** Every fixture through one run of the real CLI. */
async function diagnoseWithCli(files: string[]): Promise<Map<string, Diagnosis>> {
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, 'bin', 'mailhandler-doctor.js'), 'diagnose', ...files, '--json'],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const parsed = JSON.parse(stdout) as { file: string; diagnosis: Diagnosis }[] | Diagnosis;
  const list = Array.isArray(parsed) ? parsed : [{ file: files[0] ?? '', diagnosis: parsed }];
  return new Map(list.map((r) => [r.file, r.diagnosis]));
}

export interface Outcome {
  fixture: Fixture;
  ids: string[];
  hit: boolean;
  top1: boolean;
  falseAlarm: boolean;
}

export function judge(fixture: Fixture, d: Diagnosis): Outcome {
  const ids = d.findings.map((f) => f.id);
  if (fixture.rule === OUT_OF_SCOPE) {
    const noted = d.notes.some((n) => OUT_OF_SCOPE_NOTE.test(n));
    const ok = fixture.kind === 'positive' ? noted && ids.length === 0 : !noted;
    return { fixture, ids, hit: ok, top1: ok, falseAlarm: fixture.kind === 'near-miss' && !ok };
  }
  const has = ids.includes(fixture.rule);
  return {
    fixture,
    ids,
    hit: fixture.kind === 'positive' && has,
    top1: fixture.kind === 'positive' && ids[0] === fixture.rule,
    falseAlarm: fixture.kind === 'near-miss' && has,
  };
}

export interface RuleScore {
  rule: string;
  positives: number;
  hits: number;
  top1: number;
  nearMisses: number;
  falseAlarms: number;
}

export function score(outcomes: Outcome[]): { rules: RuleScore[]; overall: RuleScore } {
  const rules = new Map<string, RuleScore>();
  for (const o of outcomes) {
    const s = rules.get(o.fixture.rule) ?? {
      rule: o.fixture.rule,
      positives: 0,
      hits: 0,
      top1: 0,
      nearMisses: 0,
      falseAlarms: 0,
    };
    if (o.fixture.kind === 'positive') {
      s.positives++;
      s.hits += Number(o.hit);
      s.top1 += Number(o.top1);
    } else {
      s.nearMisses++;
      s.falseAlarms += Number(o.falseAlarm);
    }
    rules.set(o.fixture.rule, s);
  }
  const list = [...rules.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  const overall = list.reduce(
    (t, s) => ({
      rule: 'overall',
      positives: t.positives + s.positives,
      hits: t.hits + s.hits,
      top1: t.top1 + s.top1,
      nearMisses: t.nearMisses + s.nearMisses,
      falseAlarms: t.falseAlarms + s.falseAlarms,
    }),
    { rule: 'overall', positives: 0, hits: 0, top1: 0, nearMisses: 0, falseAlarms: 0 },
  );
  return { rules: list, overall };
}

export async function evaluate(via: 'cli' | 'in-process' = 'in-process'): Promise<Outcome[]> {
  const fixtures = listFixtures();
  if (via === 'cli') {
    const byFile = await diagnoseWithCli(fixtures.map((f) => f.file));
    return fixtures.map((f) => {
      const d = byFile.get(f.file);
      if (!d) throw new Error(`the CLI gave no answer for ${f.file}`);
      return judge(f, d);
    });
  }
  const outcomes: Outcome[] = [];
  for (const f of fixtures) outcomes.push(judge(f, await diagnoseStream(createReadStream(f.file))));
  return outcomes;
}

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

async function main() {
  const via = process.argv.includes('--in-process') ? 'in-process' : 'cli';
  const started = performance.now();
  const outcomes = await evaluate(via);
  const ms = Math.round(performance.now() - started);
  const { rules, overall } = score(outcomes);
  const width = Math.max(...rules.map((r) => r.rule.length), 7);
  process.stdout.write(
    `${outcomes.length} fixtures run ${via === 'cli' ? 'through the CLI (mailhandler-doctor diagnose … --json)' : 'in-process (diagnoseStream)'} in ${ms} ms\n\n`,
  );
  process.stdout.write(`${'rule'.padEnd(width)}  pos  recall   top-1  near  false alarms\n`);
  for (const r of [...rules, overall]) {
    process.stdout.write(
      `${r.rule.padEnd(width)}  ${String(r.positives).padStart(3)}  ${pct(r.hits, r.positives)}  ${pct(r.top1, r.positives)}  ${String(r.nearMisses).padStart(4)}  ${r.falseAlarms}\n`,
    );
  }
  const misses = outcomes.filter((o) => (o.fixture.kind === 'positive' && !o.top1) || o.falseAlarm);
  for (const m of misses) {
    process.stdout.write(
      `MISS ${m.fixture.kind} ${m.fixture.file.slice(FIXTURES.length + 1)} → [${m.ids.join(', ')}]\n`,
    );
  }
  process.exitCode = misses.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
