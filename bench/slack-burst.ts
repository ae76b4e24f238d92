import { readFileSync } from 'node:fs';
import { FakeSlack } from '../test/reliability/fake-slack.js';
import { freshGet, slashCommand, startServerProcess, type Upload, upload } from '../test/reliability/server-process.js';

// Slack acknowledgements and /healthz while 50 people upload a 5 MB log each at once. The server runs as `npm start`
// does, in its own process; Slack's Web API and response_url are a stand-in on loopback.

const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 50);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 40);
const SECRET = 'bench-signing-secret';
const MB = 1024 * 1024;
const SLACK_LIMIT_MS = 3000;

const LOG = readFileSync(new URL('../test/fixtures/seed/rc2-graph-error.log', import.meta.url), 'utf8');
const FILLER =
  '2024-05-02 10:00:00,010 INFO [http-nio-8080-exec-1] c.a.j.web.dispatcher.Dispatcher: served /browse/ABC-1\n' +
  '2024-05-02 10:00:00,020 DEBUG [Caesium-1-3] c.a.j.i.mail.processor.feature.puller.MailPullerWorker: polling mailbox\n';
const BODY = Buffer.from(`${FILLER.repeat(Math.ceil((5 * MB) / FILLER.length))}${LOG}`);

const slack = new FakeSlack();
await slack.start();
const server = await startServerProcess({
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: slack.apiUrl,
  MAX_UPLOAD_MB: '16',
});

async function slash(i: number): Promise<number> {
  const text = i % 2 ? `diagnose ${LOG}` : 'help';
  const responseUrl = `http://127.0.0.1:${slack.port}/hook/${i}`;
  const { status, ms } = await slashCommand(server.url, { secret: SECRET, text, responseUrl });
  if (status !== 200) throw new Error(`command ${i} got ${status}`);
  return ms;
}

// A quiet baseline first, then the same commands under the burst.
const quiet: number[] = [];
for (let i = 0; i < 10; i++) quiet.push(await slash(i));

const started = performance.now();
let uploadsDone = 0;
const uploads: Promise<Upload>[] = Array.from({ length: UPLOADS }, () =>
  upload(`${server.url}/api/diagnose`, BODY, 'text/plain').finally(() => uploadsDone++),
);
const acks: number[] = [];
const health: number[] = [];
for (let i = 0; i < COMMANDS && uploadsDone < UPLOADS; i++) {
  const [ack, h] = await Promise.all([slash(100 + i), freshGet(`${server.url}/healthz`)]);
  acks.push(ack);
  health.push(h.ms);
  await new Promise((r) => setTimeout(r, 50));
}
const results = await Promise.all(uploads);
const burstMs = performance.now() - started;

server.child.kill('SIGTERM');
await server.exited;
await slack.stop();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const answered = results.filter((r) => r.status === 200).length;
const busy = results.filter((r) => r.status === 503).length;
console.log(
  `Slack ack latency during ${UPLOADS} parallel ${(BODY.length / MB).toFixed(1)} MB uploads (server as npm start)`,
);
console.log(`  quiet:             p50 ${fmt(pct(quiet, 50))} · p99 ${fmt(pct(quiet, 99))}`);
console.log(
  `  under the burst:   p50 ${fmt(pct(acks, 50))} · p99 ${fmt(pct(acks, 99))} · max ${fmt(Math.max(...acks))} (${acks.length} commands)`,
);
console.log(`  new /healthz:      p50 ${fmt(pct(health, 50))} · p99 ${fmt(pct(health, 99))}`);
console.log(
  `  uploads:           ${answered} answered, ${busy} told busy (503 + Retry-After), ${UPLOADS - answered - busy} other; all done in ${fmt(burstMs)}`,
);
console.log(
  `  Slack's limit:     ${SLACK_LIMIT_MS} ms → p99 under the burst is ${((pct(acks, 99) / SLACK_LIMIT_MS) * 100).toFixed(1)}% of it`,
);
if (pct(acks, 99) >= SLACK_LIMIT_MS || answered + busy !== UPLOADS) process.exitCode = 1;
