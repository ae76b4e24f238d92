import { parseArgs } from 'node:util';
import { createLearner } from './learn/learner.js';
import { parseSince, renderReport, SinceError } from './learn/report-text.js';
import { dataDirProblem, Store } from './store/db.js';
import { SqliteState } from './store/sqlite.js';

// `mailhandler-doctor report [--since 30d] [--json]`: what the server learnt, read from DATA_DIR (or from Redis when
// REDIS_URL is set, as the replicas keep it). Its own file (dist/report-cli.js), so the rest of the command line
// never loads a database driver.

export class ReportUsageError extends Error {}

export async function reportCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, since: { type: 'string' } } });
  let days: number;
  try {
    days = parseSince(values.since);
  } catch (err) {
    throw err instanceof SinceError ? new ReportUsageError(err.message) : err;
  }
  const redisUrl = env.REDIS_URL?.trim();
  const dir = env.DATA_DIR?.trim() || './data';
  const problem = redisUrl ? null : dataDirProblem(dir);
  if (problem) throw new ReportUsageError(problem);
  // Read only: the report never creates a database, and says so when there is none.
  const state = redisUrl
    ? new (await import('./store/redis.js')).RedisState({
        url: redisUrl,
        prefix: env.REDIS_PREFIX?.trim() || 'mailhandler-doctor:',
        retentionMs: 0,
        warn: () => {},
      })
    : new SqliteState(new Store({ dir, readOnly: true, logger: { warn: () => {} } }));
  const learner = createLearner({ records: state.learning, retentionDays: 3650 });
  try {
    await state.connected(5000);
    const report = await learner.report({ days });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  } finally {
    await state.close();
  }
  return 0;
}
