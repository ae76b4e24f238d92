import { existsSync } from 'node:fs';
import { startApp } from './app.js';
import { ConfigError } from './config.js';
import { errorInfo } from './logger.js';

// `npm start`: the one long-running process. It receives the stop signals itself (no wrapper in between), finishes
// what is in flight, and exits; a platform that is down never takes it down.

if (existsSync('.env')) process.loadEnvFile('.env');

/** How long answers in flight may take to finish after a stop signal. */
const GRACE_MS = 10_000;

try {
  const app = await startApp();
  // A server will read big logs: load the scan workers now, not on the first upload.
  app.warm();
  // A library's stray rejection (a platform that dropped the line, say) is logged; the other front doors keep serving.
  process.on('unhandledRejection', (err) => app.logger.error(errorInfo(err), 'unexpected error; still running'));
  const lines = [
    '',
    'mailhandler-doctor is running',
    `  Playground and JSON API: ${app.url}/   (POST ${app.url}/api/diagnose)`,
    ...app.frontDoors.filter((d) => d.status).map((d) => `  ${d.status}`),
    `  Health: ${app.url}/healthz (alive) · ${app.url}/readyz (which front doors are connected)`,
    '',
  ];
  console.log(lines.join('\n'));
  // What cannot work (a Teams bot that cannot sign in, Slack that cannot connect) is said once the doors have had a
  // few seconds to connect and check.
  setTimeout(async () => {
    const states = await Promise.all(app.frontDoors.map(async (d) => d.readiness?.()));
    for (const s of states) if (s && !s.ready) console.log(`  Not ready: ${s.detail}`);
  }, 5000).unref();
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator means it.
      process.exit(130);
    }
    stopping = true;
    console.log(`${signal}: finishing answers in flight (up to ${GRACE_MS / 1000} s), then stopping.`);
    app.shutdown(GRACE_MS).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    console.error(
      `Cannot listen on the configured HOST/PORT (${code}). Set PORT to a free port, e.g. PORT=3979 npm start.`,
    );
    process.exit(2);
  }
  throw err;
}
