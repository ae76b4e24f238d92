import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { watchOutlets } from './app.js';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { createLogger, wantsText } from './logger.js';
import { WatchDuty } from './watch/index.js';
import { notALogFile } from './watch/tail.js';

// `mailhandler-doctor watch LOG… [--slack-channel ID] [--teams-channel ID] [--json] [--from-start]`: the watcher on
// its own (cron, a systemd unit), sharing the server's settings (.env) and state (DATA_DIR or REDIS_URL). Loaded only for this command, so
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
  const config = loadConfig(positionals.length > 0 ? { ...env, WATCH_LOGS: positionals.join(',') } : env, 'watch');
  const logs = config.WATCH_LOGS;
  if (logs.length === 0) throw new WatchUsageError('give the log file(s) to watch, or set WATCH_LOGS');
  const unusable = (await Promise.all(logs.map(notALogFile))).filter((p) => p !== null);
  if (unusable.length === logs.length) throw new WatchUsageError(unusable.join('; '));
  // Warnings go to stderr (so --json on stdout stays one event per line), as sentences on a terminal.
  const text = wantsText(env, process.stderr) ? { prefix: 'mailhandler-doctor watch' } : undefined;
  const ctx = createContext(config, createLogger(config.LOG_LEVEL === 'silent' ? 'silent' : 'warn', 2, text));
  const outlets = watchOutlets(ctx, { slack: values['slack-channel'], teams: values['teams-channel'] });
  if (outlets.length === 0 && !values.json) {
    throw new WatchUsageError(
      'say where to tell: --slack-channel C… (with SLACK_BOT_TOKEN), --teams-channel 19:…, or --json for stdout',
    );
  }
  const duty = new WatchDuty(
    ctx,
    outlets,
    {
      logs,
      fromStart: values['from-start'] === true || config.WATCH_FROM_START === 'on',
      onEvent: values.json ? (e) => process.stdout.write(`${JSON.stringify(e)}\n`) : undefined,
    },
    (holding) => {
      if (started)
        process.stderr.write(holding ? 'Took over: watching.\n' : 'Another watcher took over; standing by.\n');
    },
  );
  let started = false;
  await ctx.state.connected(10_000);
  await duty.start();
  started = true;
  const to = [...outlets.map((o) => o.name), ...(values.json ? ['stdout'] : [])].join(', ');
  process.stderr.write(
    duty.holding
      ? `Watching ${logs.join(', ')} → ${to}. Ctrl+C stops.\n`
      : `Another watcher (the server, or a replica) is watching with the same state; standing by to take over if it stops. Ctrl+C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  // A second Ctrl-C, or a stop that takes more than five seconds (a post still waiting on Slack), ends it at once.
  const now = () => process.exit(130);
  process.once('SIGINT', now);
  setTimeout(now, 5000).unref();
  process.stderr.write('Stopping…\n');
  await duty.stop();
  await ctx.state.close();
  await ctx.doctor.close();
  return 0;
}
