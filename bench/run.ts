import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { prefilterHints } from '../src/core/diagnose.js';
import { diagnoseStream } from '../src/core/index.js';
import { realisticLog, seedErrorBlocks } from './realistic-log.js';

// `npm run bench`: the doctor against baselines run side by side on the same machine (these machines are noisy, so
// only ratios mean anything). Each figure is the median of a few runs.
//   1. a whole `mailhandler-doctor diagnose` process vs `LC_ALL=C grep -ciF` over the same hints, on a realistic
//      DEBUG log (bench/realistic-log.ts; BENCH_LOG=path to use your own), with the doctor's peak RSS;
//   2. the same scan in-process vs plain line reading (readline);
//   3. a one-line paste through the installed command vs a bare `node -e 0`;
//   4. a 40 KB paste through POST /api/diagnose on the running server.
// Goals (issue 14): (1) within 5x of grep (aim 3x), RSS under 120 MB; (3) within 3x; (4) under 20 ms at the median.

const MB = 1024 * 1024;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/mailhandler-doctor.js', import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function ensureLog(): Promise<string> {
  if (process.env.BENCH_LOG) return process.env.BENCH_LOG;
  const sizeMb = Number(process.env.BENCH_MB ?? 200);
  const dir = new URL('./.data/', import.meta.url);
  const file = fileURLToPath(new URL(`realistic-${sizeMb}mb.log`, dir));
  if (existsSync(file) && statSync(file).size >= sizeMb * MB) return file;
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(file);
  for (const line of realisticLog(sizeMb * MB, seedErrorBlocks())) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

/** Wall time of a whole process, in ms. */
function timed(command: string, args: string[], input?: string): { ms: number; stdout: string; stderr: string } {
  const started = performance.now();
  const r = spawnSync(command, args, {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms: performance.now() - started, stdout: r.stdout, stderr: r.stderr };
}

// The peak RSS of the doctor's own process, reported as it exits.
const REPORT_RSS = `data:text/javascript,${encodeURIComponent("process.on('exit',()=>process.stderr.write('maxrss='+process.resourceUsage().maxRSS+'\\n'))")}`;

async function wholeProcess(file: string) {
  const hints = fileURLToPath(new URL('./.data/hints.txt', import.meta.url));
  writeFileSync(hints, `${prefilterHints().join('\n')}\n`);
  const grep: number[] = [];
  const doctor: number[] = [];
  let rss = 0;
  let matched = '';
  let findings = '';
  for (let r = 0; r < rounds; r++) {
    const g = timed('grep', ['-ciF', '-f', hints, file]);
    grep.push(g.ms);
    matched = g.stdout.trim();
    const d = timed(process.execPath, ['--import', REPORT_RSS, BIN, 'diagnose', '--json', file]);
    doctor.push(d.ms);
    rss = Math.max(rss, Number(/maxrss=(\d+)/.exec(d.stderr)?.[1] ?? 0) * 1024);
    findings = (JSON.parse(d.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id).join(', ');
  }
  return { grep: median(grep), doctor: median(doctor), rss, matched, findings };
}

async function inProcess(file: string) {
  const lines: number[] = [];
  const doctor: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let started = performance.now();
    for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY }));
    lines.push(performance.now() - started);
    started = performance.now();
    await diagnoseStream(createReadStream(file));
    doctor.push(performance.now() - started);
  }
  return { lines: median(lines), doctor: median(doctor) };
}

function cliStart() {
  const bare: number[] = [];
  const cli: number[] = [];
  const paste =
    'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\n';
  for (let r = 0; r < 11; r++) {
    bare.push(timed(process.execPath, ['-e', '0']).ms);
    cli.push(timed(process.execPath, [BIN, 'diagnose', '-'], paste).ms);
  }
  return { bare: median(bare), cli: median(cli) };
}

/** A 40 KB paste of real error text (the fixtures, cut to size) through the running server's JSON API. */
async function pasteLatency() {
  const fixtures = ['seed/rc1-incoming-mail.log', 'seed/rc2-graph-error.log', 'seed/rc1-scopes.txt'].map((f) =>
    readFileSync(new URL(`../test/fixtures/${f}`, import.meta.url), 'utf8'),
  );
  let text = '';
  while (text.length < 40 * 1024) text += fixtures.join('\n');
  text = text.slice(0, 40 * 1024);
  const server: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', TENANT_LOOKUP: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let banner = '';
  server.stdout?.on('data', (d) => (banner += d));
  while (!/Playground and JSON API: (http:\/\/\S+?)\//.test(banner)) await new Promise((r) => setTimeout(r, 20));
  const url = /Playground and JSON API: (http:\/\/\S+?)\//.exec(banner)?.[1] ?? '';
  const body = JSON.stringify({ text });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/api/diagnose`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await res.arrayBuffer();
    if (i >= 10) times.push(performance.now() - started);
  }
  server.kill('SIGTERM');
  await once(server, 'exit');
  times.sort((a, b) => a - b);
  return { median: median(times), p99: times[Math.ceil(times.length * 0.99) - 1] ?? 0 };
}

const file = await ensureLog();
const size = statSync(file).size;
console.log(`log: ${file} (${(size / MB).toFixed(0)} MB)`);
const whole = await wholeProcess(file);
console.log(
  `1. whole process, median of ${rounds}: grep -ciF ${ms(whole.grep)} (${whole.matched} lines with a hint) · diagnose ${ms(whole.doctor)} → ${(whole.doctor / whole.grep).toFixed(1)}x grep (goal ≤ 5x, aim 3x)`,
);
console.log(
  `   peak RSS of the diagnose process: ${(whole.rss / MB).toFixed(0)} MB (goal < 120 MB) · findings: ${whole.findings || 'none'}`,
);
const inproc = await inProcess(file);
console.log(
  `2. in-process: line reading ${ms(inproc.lines)} · diagnoseStream ${ms(inproc.doctor)} → throughput ${(inproc.lines / inproc.doctor).toFixed(2)}x line reading`,
);
const start = cliStart();
console.log(
  `3. one-line paste through the command, median of 11: bare node ${ms(start.bare)} · mailhandler-doctor ${ms(start.cli)} → ${(start.cli / start.bare).toFixed(1)}x (goal ≤ 3x)`,
);
const paste = await pasteLatency();
console.log(
  `4. 40 KB paste through POST /api/diagnose: median ${paste.median.toFixed(1)} ms, p99 ${paste.p99.toFixed(1)} ms (goal: median < 20 ms)`,
);
