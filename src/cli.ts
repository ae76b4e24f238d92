import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, tenantLookupOn } from './config.js';
import { RULES } from './core/index.js';
import type { Diagnosis } from './core/types.js';
import { createDoctor, type Doctor } from './doctor.js';
import { createLearner } from './learn/learner.js';
import { parseSince, renderReport, SinceError } from './learn/report-text.js';
import { renderJson, renderMarkdown, renderText } from './render/index.js';
import { dataDirProblem, Store } from './store/db.js';
import { runTenantCommand } from './tenant/cli.js';

const USAGE = `mailhandler-doctor — finds why a Jira / JSM mail handler fails against Microsoft 365

Usage:
  mailhandler-doctor diagnose [FILE…|-] [--json | --markdown] [--fail-on-findings] [--max-mb N]
      Reads each log file (plain or .gz), or standard input for "-" or when piped, and prints the diagnosis.
  mailhandler-doctor rules [--json]     Lists every failure mode the doctor knows, with its id.
  mailhandler-doctor report [--since 30d] [--json]
      What the server learnt (LEARN): answers and feedback per rule, and the unknown pastes it kept (redacted),
      read from DATA_DIR (default ./data).
  mailhandler-doctor watch LOG… [--slack-channel ID] [--teams-channel ID] [--json] [--from-start]
      Follows the mail logs and tells the channel when a handler starts failing (and when it recovers);
      --json writes one line per event to stdout. Settings as the server's (.env: SLACK_BOT_TOKEN, WATCH_…).
  mailhandler-doctor tenant DOMAIN-OR-ID
      Asks Microsoft's public metadata which cloud a tenant is in (needs network; TENANT_LOOKUP=off disables).
  mailhandler-doctor --help | --version

Exit codes: 0 it ran; 1 something was found and --fail-on-findings was given; 2 usage error or unreadable input.
Where the logs are: <jira-home>/log/atlassian-jira-incoming-mail.log (JSM Email requests) and atlassian-jira.log.`;

class UsageError extends Error {}

const DiagnoseFlags = z.object({
  json: z.boolean().default(false),
  markdown: z.boolean().default(false),
  'fail-on-findings': z.boolean().default(false),
  'max-mb': z.coerce
    .number({ error: '--max-mb must be a number of megabytes' })
    .min(0.001, '--max-mb must be at least 0.001 (about a kilobyte)')
    .default(1024),
});

async function readInput(doctor: Doctor, file: string, maxBytes: number): Promise<Diagnosis> {
  if (file === '-') return doctor.file(process.stdin, { maxBytes });
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? 'unknown error'})`,
    );
  }
  if (info.isDirectory()) throw new UsageError(`${file}: is a directory; give a log file inside it`);
  try {
    return await doctor.file(createReadStream(file), { maxBytes });
  } catch (err) {
    throw new UsageError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'})`);
  }
}

async function diagnoseCommand(args: string[], doctor: Doctor): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
      'fail-on-findings': { type: 'boolean' },
      'max-mb': { type: 'string' },
    },
  });
  const flags = DiagnoseFlags.safeParse(values);
  if (!flags.success) throw new UsageError(flags.error.issues.map((i) => i.message).join('; '));
  const { json, markdown } = flags.data;
  if (json && markdown) throw new UsageError('choose one of --json and --markdown');
  const files = positionals.length > 0 ? positionals : process.stdin.isTTY ? [] : ['-'];
  if (files.length === 0)
    throw new UsageError('give a log file, or pipe text in (for example: pbpaste | mailhandler-doctor diagnose)');
  const maxBytes = Math.floor(flags.data['max-mb'] * 1024 * 1024);
  const results: { file: string; diagnosis: Diagnosis }[] = [];
  for (const file of files) results.push({ file, diagnosis: await readInput(doctor, file, maxBytes) });
  if (json) {
    const payload = results.length === 1 ? results[0]?.diagnosis : results;
    process.stdout.write(`${renderJson(payload as Diagnosis)}\n`);
  } else {
    for (const { file, diagnosis } of results) {
      if (results.length > 1) process.stdout.write(`== ${file} ==\n`);
      process.stdout.write(markdown ? renderMarkdown(diagnosis) : renderText(diagnosis));
      if (results.length > 1) process.stdout.write('\n');
    }
  }
  const binary = results.filter((r) => r.diagnosis.input.binary);
  if (binary.length > 0) {
    for (const r of binary) process.stderr.write(`${r.file}: not a text log (binary data)\n`);
    return 2;
  }
  const found = results.some((r) => r.diagnosis.findings.length > 0);
  return flags.data['fail-on-findings'] && found ? 1 : 0;
}

function reportCommand(args: string[], env: NodeJS.ProcessEnv): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, since: { type: 'string' } } });
  let days: number;
  try {
    days = parseSince(values.since);
  } catch (err) {
    throw err instanceof SinceError ? new UsageError(err.message) : err;
  }
  const dir = env.DATA_DIR?.trim() || './data';
  const problem = dataDirProblem(dir);
  if (problem) throw new UsageError(problem);
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

function rulesCommand(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const rows = RULES.map((r) => ({ id: r.id, title: r.title, appliesTo: r.appliesTo, basis: r.basis }));
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    const width = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows) process.stdout.write(`${r.id.padEnd(width)}  ${r.title}\n`);
  }
  return 0;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // The same diagnosis service as the server, switched by the same setting.
    const doctor = createDoctor({ tenantLookup: tenantLookupOn(env) });
    switch (command) {
      case 'diagnose':
        return await diagnoseCommand(rest, doctor);
      case 'rules':
        return rulesCommand(rest);
      case 'report':
        return reportCommand(rest, env);
      case 'watch': {
        // Loaded only here: watching posts to Slack and Teams, which nothing else on the command line needs.
        const { watchCommand, WatchUsageError } = await import('./watch-cli.js');
        try {
          return await watchCommand(rest, env);
        } catch (err) {
          throw err instanceof WatchUsageError ? new UsageError(err.message) : err;
        }
      }
      case 'tenant':
        return await runTenantCommand(rest, doctor);
      case '--version':
      case '-v':
        process.stdout.write('0.1.0\n');
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`mailhandler-doctor: ${(err as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

/** What the installed bin runs. */
export async function run(argv: string[]): Promise<void> {
  // `mailhandler-doctor diagnose big.log | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  process.exitCode = await main(argv);
}
