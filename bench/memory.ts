import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../scripts/corpus.js';
import { processesWithMark, startServerProcess } from '../test/reliability/server-process.js';

// `npm run bench:memory`: does `npm start` hold more memory the longer it answers? 20,000 different pastes (corpus
// cases made unique with a counter) through POST /api/diagnose, 8 at a time, LEARN on. At 1k, 5k, 10k and 20k
// answers: the server's RSS, and a heap snapshot (written on SIGUSR2, after a full collection) summed by what holds
// the memory. A heap that levels off is by design; one that keeps growing is a leak.

let ok = 0;
const STEPS = (process.env.BENCH_STEPS ?? '1000,5000,10000,20000').split(',').map(Number);
const cases = loadCorpus()
  .map((c) => c.text)
  .filter((t) => t.length < 64 * 1024);

// Snapshots go to a directory of their own (Node's --diagnostic-dir), deleted at the end.
const cwd = mkdtempSync(join(tmpdir(), 'mhd-heap-'));
const server = await startServerProcess({
  TENANT_LOOKUP: 'off',
  LOG_LEVEL: 'warn',
  NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${cwd}`,
});

/** The node process serving (npm runs it under a shell; it is the one running dist/main.js). */
const pid = processesWithMark(server.mark).find((p) =>
  readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('dist/main.js'),
);
if (!pid) throw new Error('the server process was not found');
/** Anonymous memory (heaps, malloc) apart from mapped files, for telling a heap from the rest. */
const anon = () => Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function snapshot(): Promise<{ mb: number; top: [string, number][] }> {
  const before = new Set(readdirSync(cwd).filter((f) => f.endsWith('.heapsnapshot')));
  process.kill(pid as number, 'SIGUSR2');
  let file = '';
  for (let i = 0; i < 600 && !file; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const added = readdirSync(cwd).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    // Written when its size stops changing.
    if (added) {
      const a = statSync(join(cwd, added)).size;
      await new Promise((r) => setTimeout(r, 300));
      if (statSync(join(cwd, added)).size === a && a > 0) file = join(cwd, added);
    }
  }
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const types = snap.snapshot.meta.node_types[0];
  const by = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] as number] ?? '';
    const name =
      type === 'object' || type === 'closure' ? (snap.strings[snap.nodes[i + nameAt] as number] ?? '') : `(${type})`;
    const size = snap.nodes[i + sizeAt] as number;
    total += size;
    by.set(name, (by.get(name) ?? 0) + size);
  }
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { mb: total / 1024 / 1024, top };
}

let sent = 0;
const rows: string[] = [];
const rssAt = new Map<number, number>();
let previous: Map<string, number> | null = null;
try {
  for (const step of STEPS) {
    const client = async () => {
      while (sent < step) {
        const n = sent++;
        const text = `${cases[n % cases.length]}\nrequest ${n} at ${new Date(1714644000000 + n * 1000).toISOString()}`;
        const res = await fetch(`${server.url}/api/diagnose`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
        await res.arrayBuffer();
        if (res.status === 200) ok++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    // Read before the snapshot, which costs memory of its own (BENCH_HEAP=off: RSS alone, no snapshots at all).
    const [rssNow, anonNow] = [rss(), anon()];
    rssAt.set(step, rssNow);
    const { mb, top } = process.env.BENCH_HEAP === 'off' ? { mb: 0, top: [] } : await snapshot();
    const grew = previous
      ? top.map(([k, v]) => `${k} ${((v - (previous?.get(k) ?? 0)) / 1024 / 1024).toFixed(1)}`)
      : [];
    previous = new Map(top);
    const heap = top.length
      ? `, live heap ${mb.toFixed(1)} MB; largest: ${top
          .slice(0, 5)
          .map(([k, v]) => `${k} ${(v / 1024 / 1024).toFixed(1)}`)
          .join(
            ', ',
          )}${grew.length ? `\n         growth since the last step (MB): ${grew.slice(0, 5).join(', ')}` : ''}`
      : '';
    rows.push(
      `${String(step).padStart(6)} pastes (${ok} answered): RSS ${rssNow.toFixed(0)} MB (anonymous ${anonNow.toFixed(0)})${heap}`,
    );
    console.log(rows.at(-1));
  }
  const [first, last] = [STEPS[0] as number, STEPS.at(-1) as number];
  const growth = (rssAt.get(last) ?? 0) - (rssAt.get(first) ?? 0);
  console.log(
    `RSS from ${first} to ${last} pastes: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB (goal: within 20 MB)${process.env.BENCH_HEAP === 'off' ? '' : '; the snapshots taken so far count in it: BENCH_HEAP=off measures RSS alone'}`,
  );
} finally {
  server.child.kill('SIGTERM');
  rmSync(cwd, { recursive: true, force: true });
}
