import { readFileSync } from 'node:fs';
import { startServerProcess } from '../test/reliability/server-process.js';

// `npm run bench:api`: throughput of 40 KB pastes through POST /api/diagnose at 8 and at 32 clients, each for a few
// seconds on `npm start`, with the p99 of /healthz sampled meanwhile. More clients than cores must not mean less work
// done, and /healthz must stay quick.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const fixtures = ['seed/rc1-incoming-mail.log', 'seed/rc2-graph-error.log', 'seed/rc1-scopes.txt'].map((f) =>
  readFileSync(new URL(`../test/fixtures/${f}`, import.meta.url), 'utf8'),
);
let text = '';
while (text.length < 40 * 1024) text += fixtures.join('\n');
const body = JSON.stringify({ text: text.slice(0, 40 * 1024) });

// LEARN as the operator sets it (on by default: each answer is recorded, its paste redacted for the report).
const server = await startServerProcess({ TENANT_LOOKUP: 'off', LEARN: process.env.LEARN ?? 'on' });
try {
  for (const clients of [8, 32]) {
    const end = performance.now() + SECONDS * 1000;
    let done = 0;
    const health: number[] = [];
    const client = async () => {
      while (performance.now() < end) {
        const res = await fetch(`${server.url}/api/diagnose`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.arrayBuffer();
        if (res.status === 200) done++;
      }
    };
    const probe = async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await Promise.all([...Array.from({ length: clients }, client), probe()]);
    health.sort((a, b) => a - b);
    const p99 = health[Math.ceil(health.length * 0.99) - 1] ?? 0;
    console.log(
      `${String(clients).padStart(2)} clients: ${(done / SECONDS).toFixed(0)} answers/s · /healthz p50 ${(health[Math.floor(health.length / 2)] ?? 0).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    );
  }
} finally {
  server.child.kill('SIGTERM');
}
