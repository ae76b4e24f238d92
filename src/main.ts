import { existsSync } from 'node:fs';
import { startApp } from './app.js';
import { ConfigError } from './config.js';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const app = await startApp();
  const lines = [
    '',
    'mailhandler-doctor is running',
    `  Playground and JSON API: ${app.url}/   (POST ${app.url}/api/diagnose)`,
    ...app.frontDoors.filter((d) => d.status).map((d) => `  ${d.status}`),
    '',
  ];
  console.log(lines.join('\n'));
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
