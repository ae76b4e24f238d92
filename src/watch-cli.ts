import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { watchOutlets } from './app.js';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { createLogger } from './logger.js';
import { createWatcher } from './watch/index.js';

// `mailhandler-doctor watch LOG… [--slack-channel ID] [--teams-channel ID] [--json] [--from-start]`: the watcher on
// its own (cron, a systemd unit), sharing the server's settings (.env) and database. Loaded only for this command, so
// the rest of the command line never loads Slack or Teams.

export class WatchUsageError extends Error {}

export async function watchCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'slack-channel': { type: 'string' },
      'teams-channel': { type: 'string' },
      json: { type: 'boolean' },
      'from-start': { type: 'boolean' },
    },
  });
  if (existsSync('.env')) process.loadEnvFile('.env');
  // Logs named on the command line stand in for WATCH_LOGS.
  const config = loadConfig(positionals.length > 0 ? { ...env, WATCH_LOGS: positionals.join(',') } : env);
  const logs = config.WATCH_LOGS;
  if (logs.length === 0) throw new WatchUsageError('give the log file(s) to watch, or set WATCH_LOGS');
  // Warnings go to stderr, so --json on stdout stays one event per line.
  const ctx = createContext(config, createLogger(config.LOG_LEVEL === 'silent' ? 'silent' : 'warn', 2));
  const outlets = watchOutlets(ctx, { slack: values['slack-channel'], teams: values['teams-channel'] });
  if (outlets.length === 0 && !values.json) {
    throw new WatchUsageError(
      'say where to tell: --slack-channel C… (with SLACK_BOT_TOKEN), --teams-channel 19:…, or --json for stdout',
    );
  }
  const watcher = createWatcher(ctx, outlets, {
    logs,
    fromStart: values['from-start'] === true || config.WATCH_FROM_START === 'on',
    onEvent: values.json ? (e) => process.stdout.write(`${JSON.stringify(e)}\n`) : undefined,
  });
  await watcher.start();
  process.stderr.write(
    `Watching ${logs.join(', ')} → ${[...outlets.map((o) => o.name), ...(values.json ? ['stdout'] : [])].join(', ')}. Ctrl+C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await watcher.stop();
  ctx.store.close();
  return 0;
}
