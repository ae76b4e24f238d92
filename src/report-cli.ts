import { parseArgs } from 'node:util';
import { createLearner } from './learn/learner.js';
import { parseSince, renderReport, SinceError } from './learn/report-text.js';
import { dataDirProblem, Store } from './store/db.js';

// `mailhandler-doctor report [--since 30d] [--json]`: what the server learnt, read from DATA_DIR. Its own file
// (dist/report-cli.js), so the rest of the command line never loads the SQLite driver.

export class ReportUsageError extends Error {}

export function reportCommand(args: string[], env: NodeJS.ProcessEnv): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, since: { type: 'string' } } });
  let days: number;
  try {
    days = parseSince(values.since);
  } catch (err) {
    throw err instanceof SinceError ? new ReportUsageError(err.message) : err;
  }
  const dir = env.DATA_DIR?.trim() || './data';
  const problem = dataDirProblem(dir);
  if (problem) throw new ReportUsageError(problem);
  // Read only: the report never creates a database, and says so when there is none.
  const store = new Store({ dir, readOnly: true, logger: { warn: () => {} } });
  const learner = createLearner({ store, retentionDays: 3650 });
  try {
    const report = learner.report({ days });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  } finally {
    learner.close();
  }
  return 0;
}
