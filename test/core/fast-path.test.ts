import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realisticLog, seedErrorBlocks } from '../../bench/realistic-log.js';
import { loadCorpus } from '../../scripts/corpus.js';
import { passesPrefilter } from '../../src/core/diagnose.js';
import { type Diagnosis, diagnose, diagnoseStream, RULES } from '../../src/core/index.js';
import { allFixtures } from '../helpers.js';

// The fast path skips work two ways: a big file's lines with no hint are never decoded (the prefilter), and on a line
// that is read, each pattern runs only if one of its hints is there (the gate). Neither may change an answer. The
// slow path reads every line and runs every pattern on it; both must agree on every fixture and every corpus case.

const NOW = Date.parse('2024-05-02T12:00:00Z');
/** `inBigFiles`: what a big file holds, logs and JSON, not the sentences and settings people paste (read whole). */
const cases: [name: string, text: string, inBigFiles: boolean][] = [
  ...allFixtures().map(([name, text]): [string, string, boolean] => [name, text, true]),
  ...loadCorpus().map((c): [string, string, boolean] => [c.id, c.text, c.shape === 'log' || c.shape === 'json']),
];
// Rules resting on broad signatures (handler names, the user's words) are settled by the first lines of any input,
// which are always read whole; with the prefilter on from the first line, only the other rules must agree, and only
// on log-shaped text (a sentence in a paste is always within the lines read whole).
const broad = new Set(RULES.filter((r) => r.signatures?.some((s) => s.broad)).map((r) => r.id));
const answer = (d: Diagnosis) => ({ findings: d.findings, secrets: d.secrets, facts: d.facts, notes: d.notes });
const narrowIds = (d: Diagnosis) => d.findings.map((f) => f.id).filter((id) => !broad.has(id));

describe('the fast path', () => {
  it('covers fixtures and the whole corpus', () => {
    expect(cases.length).toBeGreaterThan(500);
  });

  it('gives the answer of every pattern on every line, for a paste', () => {
    for (const [name, text] of cases) {
      const slow = diagnose(text, { now: NOW, fullScanLines: Number.POSITIVE_INFINITY, everyPattern: true });
      expect(answer(diagnose(text, { now: NOW })), name).toEqual(answer(slow));
    }
  });

  it('reads a line the one before promised a value on, even when it holds no hint', async () => {
    // A YAML key whose value is on the next line, and a SASL XOAUTH2 answer after the server's prompt.
    const log = [
      '2024-05-02 10:00:00,000 DEBUG mail settings loaded',
      'imap:',
      '  password: |',
      '    Zk9xWmM3TnB2Uj',
      'C: AUTH XOAUTH2',
      'S: +',
      'C: Qm9ndXNCbG9iVGhhdElzTm90QVRva2VuQnV0TG9va3NMaWtlT25l',
      '2024-05-02 10:00:01,000 DEBUG done',
    ].join('\n');
    const slow = diagnose(log, { now: NOW, fullScanLines: Number.POSITIVE_INFINITY, everyPattern: true });
    const skipping = await diagnoseStream([Buffer.from(log)], { now: NOW, fullScanLines: 0 });
    expect(slow.secrets.map((x) => x.line)).toEqual([4, 7]);
    expect(skipping.secrets).toEqual(slow.secrets);
  });

  it('gives the same answer for a file read block by block, with the prefilter on from the first line', async () => {
    for (const [name, text, inBigFiles] of cases) {
      const bytes = Buffer.from(text);
      // Small chunks, so lines also cross chunk boundaries.
      const chunks = Array.from({ length: Math.ceil(bytes.length / 977) }, (_, i) =>
        bytes.subarray(i * 977, (i + 1) * 977),
      );
      const gated = await diagnoseStream(chunks, { now: NOW, fullScanLines: 0 });
      const every = await diagnoseStream(chunks, { now: NOW, fullScanLines: 0, everyPattern: true });
      expect(answer(gated), name).toEqual(answer(every));
      const slow = await diagnoseStream(chunks, {
        now: NOW,
        fullScanLines: Number.POSITIVE_INFINITY,
        everyPattern: true,
      });
      if (inBigFiles) expect(narrowIds(gated), name).toEqual(narrowIds(slow));
      expect(gated.input.lines, name).toBe(slow.input.lines);
    }
  });

  it('reads under 1% of the routine lines of a realistic DEBUG log', () => {
    // The bench's DEBUG incoming-mail log (bench/realistic-log.ts: each line shape has a public source in
    // bench/REAL-LINES.md), with an error block every 40 polls. A line is routine when, read alone with every pattern,
    // it adds nothing to the answer: no token or other secret, no host, scope or code, no finding. A hint that
    // matches routine text (a logger name, "offline", a thread name) makes the prefilter read such lines for nothing.
    const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\+\d{4} /;
    const slow = { now: NOW, fullScanLines: Number.POSITIVE_INFINITY, everyPattern: true };
    const nothing = JSON.stringify(answer(diagnose('routine', slow)));
    const holdsSomething = new Map<string, boolean>();
    const lines = [...realisticLog(3 * 1024 * 1024, seedErrorBlocks(), 40)].join('').split('\n');
    let routine = 0;
    let routineRead = 0;
    let holding = 0;
    for (const line of lines) {
      if (!line) continue;
      // The same message at another time is the same text (the stamp adds nothing to an answer).
      const message = line.replace(STAMP, '');
      let holds = holdsSomething.get(message);
      if (holds === undefined) {
        holds = JSON.stringify(answer(diagnose(message, slow))) !== nothing;
        holdsSomething.set(message, holds);
      }
      if (holds) {
        holding++;
      } else {
        routine++;
        if (passesPrefilter(line)) routineRead++;
      }
    }
    // Most of such a log is routine; what holds something includes every bearer header and the error blocks.
    expect(routine).toBeGreaterThan(lines.length / 2);
    expect(holding).toBeGreaterThan(lines.length / 10);
    expect(routineRead / routine).toBeLessThan(0.01);
  });

  it('reads few of the routine lines real Jira instances printed (published text, not the bench generator)', () => {
    // Start-up, indexing, plugin and scheduler lines from atlassian-jira.log as admins, Atlassian's KB and public
    // repositories published them (test/real-routine, each under its source). None holds anything for an answer; a
    // hint that matches such text ('startup', 'database', the '.default' of logger names like DefaultIndexManager,
    // each of which once read 10 to 23 of these 80 lines) makes the prefilter decode a healthy Jira's log for nothing.
    const published = readFileSync(new URL('../real-routine/atlassian-jira-routine.md', import.meta.url), 'utf8');
    let source = '';
    const lines: string[] = [];
    for (const line of published.split('\n')) {
      if (line.startsWith('## ')) source = line.slice(3);
      else if (source && line.trim()) lines.push(line);
    }
    const slow = { now: NOW, fullScanLines: Number.POSITIVE_INFINITY, everyPattern: true };
    const nothing = JSON.stringify(answer(diagnose('routine', slow)));
    expect(lines.length).toBeGreaterThanOrEqual(80);
    for (const line of lines) expect(JSON.stringify(answer(diagnose(line, slow))), line).toBe(nothing);
    // What is left are hints that mean something elsewhere ('test', 'disabled', 'directory', 'key', 'pass').
    const read = lines.filter((line) => passesPrefilter(line));
    expect(read.length / lines.length, read.join('\n')).toBeLessThan(0.2);
  });
});
