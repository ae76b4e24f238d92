// Scores the doctor: recall, top-1 and false alarms, on our per-rule fixtures and on the real-world corpus (its
// tuning part and its held-back part), in one run.
// Fixtures: positive-* must produce the directory's rule id (top-1: as the first finding); near-miss-* must not
// produce it; `out-of-scope/` positives must give no finding and an "out of scope" note.
// Corpus (test/corpus/README.md): a case is a hit when a finding is one of its expected ids, top-1 when the first
// one is; a case expecting nothing is a false alarm when anything is found.
// `npm run eval` goes through the real CLI: one `mailhandler-doctor diagnose <every file> --each --json` run. With
// `--in-process` it calls the core directly, as the vitest suite does. `--held-misses` also lists the held-back
// misses by name (kept off by default, so that nobody tunes on them by accident).
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { diagnoseStream } from '../src/core/index.js';
import type { Diagnosis } from '../src/core/types.js';
import { type Case, loadCorpus, PARTS } from './corpus.js';

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
    [join(ROOT, 'bin', 'mailhandler-doctor.js'), 'diagnose', ...files, '--each', '--json'],
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
  const answers = await diagnoseAll(
    fixtures.map((f) => f.file),
    [],
    via,
  );
  return fixtures.map((f, i) => judge(f, answers[i] as Diagnosis));
}

export interface CaseOutcome {
  c: Case;
  ids: string[];
  hit: boolean;
  top1: boolean;
  falseAlarm: boolean;
  /** An out-of-scope case whose answer says so. */
  noted: boolean;
}

export function judgeCase(c: Case, d: Diagnosis): CaseOutcome {
  const ids = d.findings.map((f) => f.id);
  const positive = c.expect.length > 0;
  return {
    c,
    ids,
    hit: positive && ids.some((id) => c.expect.includes(id)),
    top1: positive && ids[0] !== undefined && c.expect.includes(ids[0]),
    falseAlarm: !positive && ids.length > 0,
    noted: c.outOfScope && d.notes.some((n) => OUT_OF_SCOPE_NOTE.test(n)),
  };
}

export async function evaluateCorpus(via: 'cli' | 'in-process' = 'in-process', cases = loadCorpus()) {
  const answers = await diagnoseAll([], cases, via);
  return cases.map((c, i) => judgeCase(c, answers[i] as Diagnosis));
}

/** Fixture files and corpus texts (without their headers), answered in order, by the CLI in one run or in-process. */
async function diagnoseAll(files: string[], cases: Case[], via: 'cli' | 'in-process'): Promise<Diagnosis[]> {
  if (via === 'in-process') {
    const out: Diagnosis[] = [];
    for (const f of files) out.push(await diagnoseStream(createReadStream(f)));
    for (const c of cases) out.push(await diagnoseStream([Buffer.from(c.text)]));
    return out;
  }
  const dir = mkdtempSync(join(tmpdir(), 'mhd-eval-'));
  try {
    const texts = cases.map((c, i) => {
      const file = join(dir, `${i}.txt`);
      writeFileSync(file, c.text);
      return file;
    });
    const all = [...files, ...texts];
    const byFile = all.length ? await diagnoseWithCli(all) : new Map<string, Diagnosis>();
    return all.map((f) => {
      const d = byFile.get(f);
      if (!d) throw new Error(`the CLI gave no answer for ${f}`);
      return d;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CorpusScore {
  cases: number;
  positives: number;
  hits: number;
  top1: number;
  nearMisses: number;
  falseAlarms: number;
  outOfScope: number;
  noted: number;
}

export function scoreCorpus(outcomes: CaseOutcome[]): CorpusScore {
  const positives = outcomes.filter((o) => o.c.expect.length > 0);
  const near = outcomes.filter((o) => o.c.expect.length === 0);
  return {
    cases: outcomes.length,
    positives: positives.length,
    hits: positives.filter((o) => o.hit).length,
    top1: positives.filter((o) => o.top1).length,
    nearMisses: near.length,
    falseAlarms: near.filter((o) => o.falseAlarm).length,
    outOfScope: near.filter((o) => o.c.outOfScope).length,
    noted: near.filter((o) => o.noted).length,
  };
}

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const line = (
  label: string,
  s: { positives: number; hits: number; top1: number; nearMisses: number; falseAlarms: number },
) =>
  `${label}  recall ${pct(s.hits, s.positives)} (${s.hits}/${s.positives})  top-1 ${pct(s.top1, s.positives)} (${s.top1}/${s.positives})  false alarms ${s.falseAlarms}/${s.nearMisses}`;

function corpusReport(name: string, outcomes: CaseOutcome[], listMisses: boolean): string[] {
  const s = scoreCorpus(outcomes);
  const out = [`${line(`${name.padEnd(9)}`, s)}  out-of-scope noted ${s.noted}/${s.outOfScope}  (${s.cases} cases)`];
  const byShape = (shape: string) => scoreCorpus(outcomes.filter((o) => o.c.shape === shape));
  out.push(
    `  by shape: ${['log', 'json', 'config', 'sentence']
      .map((sh) => {
        const b = byShape(sh);
        return `${sh} ${b.hits}/${b.positives} (${b.falseAlarms}/${b.nearMisses} fa)`;
      })
      .join(' · ')}`,
  );
  if (listMisses) {
    for (const o of outcomes) {
      if ((o.c.expect.length > 0 && !o.top1) || o.falseAlarm) {
        out.push(`  MISS ${o.c.id} want [${o.c.expect.join(', ')}] → [${o.ids.join(', ')}]`);
      }
    }
  }
  return out;
}

async function main() {
  const via = process.argv.includes('--in-process') ? 'in-process' : 'cli';
  const started = performance.now();
  const fixtures = listFixtures();
  const cases = loadCorpus();
  const answers = await diagnoseAll(
    fixtures.map((f) => f.file),
    cases,
    via,
  );
  const outcomes = fixtures.map((f, i) => judge(f, answers[i] as Diagnosis));
  const corpus = cases.map((c, i) => judgeCase(c, answers[fixtures.length + i] as Diagnosis));
  const ms = Math.round(performance.now() - started);
  const { rules, overall } = score(outcomes);
  const width = Math.max(...rules.map((r) => r.rule.length), 7);
  const out: string[] = [
    `${fixtures.length} fixtures and ${cases.length} corpus texts run ${via === 'cli' ? 'through the CLI (mailhandler-doctor diagnose … --json)' : 'in-process'} in ${ms} ms`,
    '',
    `${'rule'.padEnd(width)}  fixtures: pos  recall   top-1  near  fa   corpus (tune+held): pos  hits  top-1  fa`,
  ];
  const corpusByRule = (rule: string) => corpus.filter((o) => o.c.expect[0] === rule);
  const falseBy = (rule: string) => corpus.filter((o) => o.falseAlarm && o.ids[0] === rule).length;
  for (const r of rules) {
    const c = corpusByRule(r.rule);
    out.push(
      `${r.rule.padEnd(width)}  ${String(r.positives).padStart(13)}  ${pct(r.hits, r.positives)}  ${pct(r.top1, r.positives)}  ${String(r.nearMisses).padStart(4)}  ${String(r.falseAlarms).padStart(2)}   ${String(c.length).padStart(23)}  ${String(c.filter((o) => o.hit).length).padStart(4)}  ${String(c.filter((o) => o.top1).length).padStart(5)}  ${String(falseBy(r.rule)).padStart(2)}`,
    );
  }
  out.push('');
  out.push(line('fixtures ', overall));
  for (const part of PARTS) {
    out.push(
      ...corpusReport(
        part === 'tune' ? 'tuning' : 'held',
        corpus.filter((o) => o.c.part === part),
        part === 'tune' || process.argv.includes('--held-misses'),
      ),
    );
  }
  out.push(line('corpus   ', scoreCorpus(corpus)));
  for (const m of outcomes.filter((o) => (o.fixture.kind === 'positive' && !o.top1) || o.falseAlarm)) {
    out.push(`MISS fixture ${m.fixture.kind} ${m.fixture.file.slice(FIXTURES.length + 1)} → [${m.ids.join(', ')}]`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
