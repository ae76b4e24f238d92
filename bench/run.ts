import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { diagnoseStream } from '../src/core/index.js';
import { seedErrorBlocks, syntheticLog } from './synthetic-log.js';

// Diagnose throughput on a large synthetic incoming-mail log, as a ratio to plain line reading of the same file in
// the same process (machines here are noisy, so only the ratio is meaningful). Aim: at least 0.5.

const MB = 1024 * 1024;
const sizeMb = Number(process.env.BENCH_MB ?? 200);
const dir = new URL('./.data/', import.meta.url);
const file = new URL(`incoming-mail-${sizeMb}mb.log`, dir);

async function ensureLog() {
  if (existsSync(file) && statSync(file).size >= sizeMb * MB) return;
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(file);
  for (const line of syntheticLog(sizeMb * MB, seedErrorBlocks())) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function plainLineReading(): Promise<number> {
  let lines = 0;
  for await (const _line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY }))
    lines++;
  return lines;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Peak RSS of a fresh process that only diagnoses the file: what a server would add for one big upload. */
async function rssChild() {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  await diagnoseStream(createReadStream(file));
  clearInterval(sampler);
  console.log(JSON.stringify({ start, peak: Math.max(peak, process.memoryUsage().rss) }));
}

if (process.env.BENCH_RSS_CHILD) {
  await rssChild();
  process.exit(0);
}

await ensureLog();
const bytes = statSync(file).size;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const baseline: number[] = [];
const doctor: number[] = [];
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
let findings: string[] = [];
for (let r = 0; r < rounds; r++) {
  baseline.push((await time(plainLineReading)).ms);
  const run = await time(() => diagnoseStream(createReadStream(file)));
  doctor.push(run.ms);
  findings = run.value.findings.map((f) => `${f.id} (${f.confidence})`);
}
clearInterval(sampler);
const best = (xs: number[]) => Math.min(...xs);
const mbps = (ms: number) => (bytes / MB / (ms / 1000)).toFixed(0);
console.log(`log: ${(bytes / MB).toFixed(0)} MB synthetic incoming-mail log, ${rounds} rounds, best of each`);
console.log(`plain line reading (readline): ${best(baseline).toFixed(0)} ms (${mbps(best(baseline))} MB/s)`);
console.log(`diagnoseStream:                ${best(doctor).toFixed(0)} ms (${mbps(best(doctor))} MB/s)`);
console.log(`throughput ratio diagnose / line reading: ${(best(baseline) / best(doctor)).toFixed(2)} (aim >= 0.5)`);
console.log(`peak RSS of this process (both readers, all rounds): ${(peakRss / MB).toFixed(0)} MB`);
const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
  env: { ...process.env, BENCH_RSS_CHILD: '1' },
  encoding: 'utf8',
});
const rss = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { start: number; peak: number };
console.log(
  `fresh process diagnosing the file: RSS ${(rss.start / MB).toFixed(0)} MB at start, ${(rss.peak / MB).toFixed(0)} MB peak (limit 150 MB)`,
);
console.log(`findings: ${findings.join(', ') || 'none'}`);
