import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { diagnoseStream } from '../src/core/index.js';
import { realisticLog, seedErrorBlocks } from './realistic-log.js';

// `npm run bench`: the doctor against what a user would run instead, side by side on the same files (these machines
// are noisy, so only ratios from one run mean anything). Each figure is the median of a few runs.
//   1. at each size of BENCH_SIZES (MB; default 50,200,1024), plain and gzip: a whole `mailhandler-doctor diagnose`
//      process vs `cat` (the page-cache floor), `LC_ALL=C grep -ciE` with the twenty error markers an admin greps
//      for, and `rg -ci` where installed (zcat | grep for the .gz), with the doctor's peak RSS and MB/s;
//   2. the same scan in-process vs plain line reading (readline);
//   3. a one-line paste through the installed command vs a bare `node -e 0`;
//   4. a 40 KB paste through POST /api/diagnose on the running server.
// Goals (issue 25): (1) 200 MB and 1 GB ≤ 2x grep, RSS < 150 MB, .gz ≤ 1.2x its plain file; (3) ≤ 2x.

const MB = 1024 * 1024;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/mailhandler-doctor.js', import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** The twenty markers an admin would grep a mail log for (the issue's baseline, not our own hint list). */
const MARKERS =
  'ERROR|WARN|Exception|AADSTS|failed|failure|denied|invalid|unauthori[sz]ed|forbidden|timed out|timeout|refused|expired|AUTHENTICATE|LOGIN|OAuth|token|401|403';
const SIZES = (process.env.BENCH_SIZES ?? '50,200,1024').split(',').map(Number);
const hasRg = spawnSync('rg', ['--version']).status === 0;

async function ensureLog(sizeMb: number): Promise<string> {
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

/** The same log gzipped (gzip -6, as logrotate does), made once. */
function ensureGz(file: string): string {
  const gz = `${file}.gz`;
  if (!existsSync(gz)) {
    const r = spawnSync('sh', ['-c', `gzip -6 -c '${file}' > '${gz}'`]);
    if (r.status !== 0) throw new Error(`gzip failed: ${r.stderr}`);
  }
  return gz;
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

/** Median wall time of each command over `rounds`, interleaved so a noisy moment hits them all alike. */
function side(file: string) {
  const gz = file.endsWith('.gz');
  const cmds: Record<string, [string, string[]]> = {
    cat: gz ? ['sh', ['-c', `zcat '${file}' > /dev/null`]] : ['sh', ['-c', `cat '${file}' > /dev/null`]],
    grep: gz ? ['sh', ['-c', `zcat '${file}' | LC_ALL=C grep -ciE '${MARKERS}'`]] : ['grep', ['-ciE', MARKERS, file]],
  };
  // rg reads patterns as regular expressions already; its -E is --encoding.
  if (hasRg) cmds.rg = ['rg', [...(gz ? ['-z'] : []), '-ci', '-e', MARKERS, file]];
  const times: Record<string, number[]> = { doctor: [] };
  let rss = 0;
  let findings = '';
  for (let r = 0; r < rounds; r++) {
    for (const [name, [cmd, args]] of Object.entries(cmds)) {
      times[name] = [...(times[name] ?? []), timed(cmd, args).ms];
    }
    // The whole file, as grep reads it (the command's default stops at 1024 MB).
    const d = timed(process.execPath, ['--import', REPORT_RSS, BIN, 'diagnose', '--json', '--max-mb', '8192', file]);
    times.doctor?.push(d.ms);
    rss = Math.max(rss, Number(/maxrss=(\d+)/.exec(d.stderr)?.[1] ?? 0) * 1024);
    findings = (JSON.parse(d.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id).join(', ');
  }
  return { ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])), rss, findings };
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

console.log(`1. whole processes, median of ${rounds}, on a realistic DEBUG incoming-mail log (bench/realistic-log.ts)`);
const plainMs: Record<number, number> = {};
let file = '';
for (const sizeMb of SIZES) {
  file = process.env.BENCH_LOG ?? (await ensureLog(sizeMb));
  const bytes = statSync(file).size;
  for (const input of [file, ensureGz(file)]) {
    const { ms: t, rss, findings } = side(input);
    const doctor = t.doctor ?? 0;
    const gz = input.endsWith('.gz');
    if (!gz) plainMs[sizeMb] = doctor;
    const vs = (name: string) => (t[name] ? `${name} ${ms(t[name])} (${(doctor / t[name]).toFixed(1)}x)` : '');
    console.log(
      `   ${(bytes / MB).toFixed(0)} MB${gz ? ' .gz' : '   '}: diagnose ${ms(doctor)} = ${(bytes / MB / (doctor / 1000)).toFixed(0)} MB/s · ${[vs('cat'), vs('grep'), vs('rg')].filter(Boolean).join(' · ')} · peak RSS ${(rss / MB).toFixed(0)} MB${gz ? ` · ${(doctor / (plainMs[sizeMb] ?? doctor)).toFixed(2)}x its plain file` : ''}`,
    );
    if (!gz && sizeMb === SIZES.at(-1)) console.log(`      findings: ${findings || 'none'}`);
  }
  if (process.env.BENCH_LOG) break;
}
const inproc = await inProcess(file);
console.log(
  `2. in-process: line reading ${ms(inproc.lines)} · diagnoseStream ${ms(inproc.doctor)} → throughput ${(inproc.lines / inproc.doctor).toFixed(2)}x line reading`,
);
const start = cliStart();
console.log(
  `3. one-line paste through the command, median of 11: bare node ${ms(start.bare)} · mailhandler-doctor ${ms(start.cli)} → ${(start.cli / start.bare).toFixed(1)}x (goal ≤ 2x)`,
);
const paste = await pasteLatency();
console.log(
  `4. 40 KB paste through POST /api/diagnose: median ${paste.median.toFixed(1)} ms, p99 ${paste.p99.toFixed(1)} ms (goal: median < 20 ms)`,
);
