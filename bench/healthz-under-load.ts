import { startServerProcess } from '../test/reliability/server-process.js';

// /healthz while a 9 MB paste is previewed (the JSON limit is 10 MB) and a 10 MB log is diagnosed, on `npm start` as
// an operator runs it: the p50/p99 of /healthz answers sampled every 20 ms until both are done.

const MB = 1024 * 1024;
const server = await startServerProcess({ TENANT_LOOKUP: 'off' });
try {
  const paste = JSON.stringify({
    text: `client_secret=Xk28Q~Jt0bP3nGq8vTz.Lw5m_Yc7rHs9eDa1fUo2\n${'a=b&'.repeat((9 * MB) / 4)}`,
  });
  const line = '2024-05-02 10:00:00,000+0000 DEBUG [c.a.mail] MailFetcherService polled the mailbox, nothing new\n';
  const log = line.repeat(Math.ceil((10 * MB) / line.length));
  let busy = 2;
  const done = () => void busy--;
  const started = performance.now();
  void fetch(`${server.url}/api/preview`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: paste,
  })
    .then((r) => r.arrayBuffer())
    .finally(done);
  void fetch(`${server.url}/api/diagnose`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: log })
    .then((r) => r.arrayBuffer())
    .finally(done);
  const samples: number[] = [];
  while (busy > 0) {
    const t = performance.now();
    await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
    samples.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]?.toFixed(1);
  process.stdout.write(
    `healthz during a 9 MB preview and a 10 MB diagnosis (${((performance.now() - started) / 1000).toFixed(1)} s, ${samples.length} samples): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`,
  );
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
}
