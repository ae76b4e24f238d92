import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realisticLog } from './realistic-log.js';

// `npm run bench:watch`: `mailhandler-doctor watch --json` as an operator runs it (default poll), following a log that
// suddenly gains BENCH_WATCH_MB (default 100) of routine DEBUG lines (bench/realistic-log.ts, no error blocks) and
// then one failure. Printed: how long after the failure was written its event came out. Goal (issue 25): within 3 s.

const MB = 1024 * 1024;
const BIN = fileURLToPath(new URL('../bin/mailhandler-doctor.js', import.meta.url));
const size = Number(process.env.BENCH_WATCH_MB ?? 100) * MB;
const FAILURE =
  '2024-05-02 10:00:00,000+0000 ERROR [] Caesium-1-1 ServiceRunner Support[10101]: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\n';

const dir = mkdtempSync(join(tmpdir(), 'mhd-bench-watch-'));
const log = join(dir, 'atlassian-jira-incoming-mail.log');
writeFileSync(log, '');
const child = spawn(process.execPath, [BIN, 'watch', log, '--json'], {
  cwd: dir,
  env: { ...process.env, DATA_DIR: dir, SLACK_BOT_TOKEN: '', WATCH_LOGS: '', TENANT_LOOKUP: 'off' },
});
try {
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  while (!/Watching /.test(err)) await new Promise((r) => setTimeout(r, 20));

  // The burst, written as fast as the disk takes it (a log rotated in, a handler in a retry loop).
  const started = performance.now();
  const out = createWriteStream(log, { flags: 'a' });
  let written = 0;
  for (const line of realisticLog(size, [])) {
    written += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const burstMs = performance.now() - started;
  const failedAt = performance.now();
  appendFileSync(log, FAILURE);
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('no failure event within 120 s')), 120_000);
    child.stdout.on('data', (b: Buffer) => {
      seen += b.toString();
      // The failure's own event (its handler is named Support[10101]), not one a routine line may have given.
      if (seen.split('\n').some((e) => e.includes('"event":"failure"') && e.includes('Support[10101]'))) {
        clearTimeout(timeout);
        resolve();
      }
    });
  });
  const ms = performance.now() - failedAt;
  console.log(
    `watch: ${(written / MB).toFixed(0)} MB of routine lines written in ${burstMs.toFixed(0)} ms, then a failure: its event ${ms.toFixed(0)} ms after it was written, ${(performance.now() - started).toFixed(0)} ms after the burst began (goal: within 3000 ms of the failure)`,
  );
} finally {
  child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
