import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { tenantLookupOn } from './config-basics.js';
import { RULES } from './core/index.js';
import { sourcesOf } from './core/rules/rule.js';
import { gunzip, isZlibError, looksBinary, utf16Of } from './core/stream.js';
import type { Diagnosis } from './core/types.js';
import { createDoctor, type Doctor } from './doctor.js';
import { renderJson, renderMarkdown, renderText } from './render/index.js';
import { runTenantCommand } from './tenant/cli.js';

const USAGE = `mailhandler-doctor — finds why a Jira / JSM mail handler fails against Microsoft 365

Usage:
  mailhandler-doctor diagnose [FILE…|-]   Diagnoses log files and pasted text (one case), or each file (--each).
  mailhandler-doctor rules                Lists every failure mode the doctor knows.
  mailhandler-doctor report               What the server learnt: answers, feedback, unknown pastes.
  mailhandler-doctor watch LOG…           Follows the mail logs and tells a channel when a handler starts failing.
  mailhandler-doctor tenant DOMAIN-OR-ID  Asks Microsoft which cloud a tenant is in.
  mailhandler-doctor probe …              Runs Jira's sign-in and mailbox steps live against your tenant.
  mailhandler-doctor COMMAND --help       The options of one command.
  mailhandler-doctor --version

Exit codes: 0 it ran; 1 something was found and --fail-on-findings was given; 2 usage error or unreadable input.
Where the logs are: <jira-home>/log/atlassian-jira-incoming-mail.log (JSM Email requests), atlassian-jira.log and
atlassian-jira-outgoing-mail.log.`;

/** Each command's own help (`mailhandler-doctor COMMAND --help`); tenant keeps its own next to its code. */
const HELP: Record<string, string> = {
  diagnose: `Usage: mailhandler-doctor diagnose [FILE…|-] [--json | --markdown] [--each] [--fail-on-findings] [--max-mb N]

Reads the files (plain or .gz; UTF-8, UTF-16 or Windows-1252) and standard input ("-", or when text is piped in)
as one case: a log in one file and the application link's scopes in another give one answer, as if pasted together.
  --each              one answer per file instead, each under its name (--json: [{"file", "diagnosis"}])
  --json              the Diagnosis as JSON; --markdown: as Markdown (default: plain text)
  --fail-on-findings  exit 1 when something was found (for scripts and CI)
  --max-mb N          read at most N MB of unpacked text (default 1024); the answer says when it stopped early
Exit codes: 0 it ran; 1 found something with --fail-on-findings; 2 usage error, unreadable or binary input.`,
  rules: `Usage: mailhandler-doctor rules [--verbose | --json]

Lists every failure mode the doctor knows, with its id.
  --verbose  also the Microsoft and Atlassian pages each rule rests on, and the month they were last checked
  --json     id, title, applies to, basis, checked and sources, as JSON`,
  report: `Usage: mailhandler-doctor report [--since 30d] [--json]

What the server learnt (LEARN): answers and feedback per rule, and the unknown pastes it kept (redacted), read from
DATA_DIR (default ./data).
  --since N  the last N days (30d, 7d, 90d; default 30d)
  --json     the report as JSON`,
  watch: `Usage: mailhandler-doctor watch LOG… [--slack-channel ID] [--teams-channel ID] [--json] [--from-start]

Follows the mail logs (files, not directories) and tells a channel when a handler starts failing and when it
recovers. Ctrl-C stops it.
  --slack-channel ID  post to this Slack channel (needs SLACK_BOT_TOKEN, and the bot invited to the channel)
  --teams-channel ID  post to this Teams channel (needs the Teams bot's settings and a conversation it was added to)
  --json              write one JSON line per event to standard output
  --from-start        read each log from its start (default: from its end, only what is written from now on)
Settings as the server's (.env): SLACK_BOT_TOKEN, MicrosoftApp…, WATCH_… (see .env.example).`,
};

/** A command used wrongly: the message, and where its help is. */
class UsageError extends Error {}
/** The command was right but its input cannot be read: the message alone, no usage. */
class InputError extends Error {}

/** node's parseArgs messages, said plainly (its own have unbalanced quotes and talk about positionals). */
function parseArgsProblem(err: NodeJS.ErrnoException): string {
  const option = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''}`;
    default:
      return err.message;
  }
}

/** --max-mb as a number of megabytes (1024 when not given). */
function maxMegabytes(given: string | undefined): number {
  if (given === undefined) return 1024;
  const mb = Number(given);
  if (given.trim() === '' || !Number.isFinite(mb)) throw new UsageError('--max-mb must be a number of megabytes');
  if (mb < 0.001) throw new UsageError('--max-mb must be at least 0.001 (about a kilobyte)');
  return mb;
}

/** Every named file exists and is a file, before anything is read. */
async function checkFiles(files: string[]): Promise<void> {
  for (const file of files) {
    if (file === '-') continue;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? 'unknown error'})`,
      );
    }
    if (info.isDirectory()) throw new InputError(`${file}: is a directory; give a log file inside it`);
  }
}

const open = (file: string) => (file === '-' ? process.stdin : createReadStream(file));

async function readOne(doctor: Doctor, file: string, maxBytes: number): Promise<Diagnosis> {
  try {
    return await (file === '-' ? doctor.file(open(file), { maxBytes }) : doctor.path(file, { maxBytes }));
  } catch (err) {
    throw new InputError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'})`);
  }
}

/**
 * One file as UTF-8 text: a .gz unpacked, UTF-16 turned into UTF-8, a binary file left out (and named), so that
 * several files can follow one another as one text.
 */
async function* asText(file: string, binary: string[]): AsyncGenerator<Uint8Array> {
  let chunks: AsyncIterable<Uint8Array> = open(file);
  let it = chunks[Symbol.asyncIterator]();
  let first = await it.next();
  if (!first.done && first.value[0] === 0x1f && first.value[1] === 0x8b) {
    const head = first.value;
    const rest = it;
    chunks = Readable.from(
      (async function* () {
        yield head;
        for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
      })(),
    ).pipe(gunzip());
    it = chunks[Symbol.asyncIterator]();
    first = await it.next();
  }
  if (first.done) return;
  const kind = utf16Of(first.value);
  if (!kind && looksBinary(first.value.subarray(0, 8192))) {
    binary.push(file);
    return;
  }
  const utf16 = kind ? new TextDecoder(kind) : null;
  const text = (b: Uint8Array) => (utf16 ? Buffer.from(utf16.decode(b, { stream: true })) : b);
  yield text(first.value);
  for (let n = await it.next(); !n.done; n = await it.next()) yield text(n.value);
  if (utf16) yield Buffer.from(utf16.decode());
}

async function* oneCase(files: string[], binary: string[]): AsyncGenerator<Uint8Array> {
  for (const [i, file] of files.entries()) {
    if (i > 0) yield Buffer.from('\n');
    try {
      yield* asText(file, binary);
    } catch (err) {
      // A damaged .gz is the doctor's to answer (it says so and diagnoses what was read); anything else is unreadable.
      if (isZlibError(err)) throw err;
      throw new InputError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'})`);
    }
  }
}

async function diagnoseCommand(args: string[], doctor: Doctor): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
      each: { type: 'boolean' },
      'fail-on-findings': { type: 'boolean' },
      'max-mb': { type: 'string' },
    },
  });
  const { json = false, markdown = false, each = false } = values;
  const maxMb = maxMegabytes(values['max-mb']);
  if (json && markdown) throw new UsageError('choose one of --json and --markdown');
  // Standard input is read when nothing is named, or where "-" stands among the files (`diagnose incoming.log -`).
  const files = positionals.length > 0 ? positionals : process.stdin.isTTY ? [] : ['-'];
  if (files.length === 0)
    throw new UsageError('give a log file, or pipe text in (for example: pbpaste | mailhandler-doctor diagnose)');
  await checkFiles(files);
  const maxBytes = Math.floor(maxMb * 1024 * 1024);
  const binary: string[] = [];
  const results: { file: string; diagnosis: Diagnosis }[] = [];
  if (each || files.length === 1) {
    for (const file of files) {
      const diagnosis = await readOne(doctor, file, maxBytes);
      if (diagnosis.input.binary) binary.push(file);
      results.push({ file, diagnosis });
    }
  } else {
    const diagnosis = await doctor.file(oneCase(files, binary), { maxBytes });
    results.push({ file: files.join(' + '), diagnosis });
  }
  if (json) {
    const payload = each ? results : results[0]?.diagnosis;
    process.stdout.write(`${renderJson(payload as Diagnosis)}\n`);
  } else {
    for (const { file, diagnosis } of results) {
      if (results.length > 1) process.stdout.write(`== ${file} ==\n`);
      process.stdout.write(markdown ? renderMarkdown(diagnosis) : renderText(diagnosis));
      if (results.length > 1) process.stdout.write('\n');
    }
  }
  if (binary.length > 0) {
    for (const file of binary) process.stderr.write(`${file}: not a text log (binary data), so it was not read\n`);
    return 2;
  }
  const found = results.some((r) => r.diagnosis.findings.length > 0);
  return values['fail-on-findings'] && found ? 1 : 0;
}

function rulesCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } },
  });
  const rows = RULES.map((r) => ({
    id: r.id,
    title: r.title,
    appliesTo: r.appliesTo,
    basis: r.basis,
    checked: r.checked,
    sources: sourcesOf(r).map((l) => l.url),
  }));
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (values.verbose) {
    for (const r of rows) {
      process.stdout.write(`${r.id}  ${r.title}\n  ${r.basis}; sources checked ${r.checked}:\n`);
      for (const url of r.sources) process.stdout.write(`    ${url}\n`);
    }
  } else {
    const width = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows) process.stdout.write(`${r.id.padEnd(width)}  ${r.title}\n`);
  }
  return 0;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  const help = command === 'probe' ? (await import('./probe-cli.js')).PROBE_HELP : command ? HELP[command] : undefined;
  if (help && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  try {
    // The same diagnosis service as the server, switched by the same setting.
    const doctor = createDoctor({ tenantLookup: tenantLookupOn(env) });
    switch (command) {
      case 'diagnose':
        return await diagnoseCommand(rest, doctor);
      case 'rules':
        return rulesCommand(rest);
      case 'report': {
        // Loaded only here: the report opens the database (or Redis), which nothing else on the command line needs.
        const { reportCommand, ReportUsageError } = await import('./report-cli.js');
        try {
          return await reportCommand(rest, env);
        } catch (err) {
          throw err instanceof ReportUsageError ? new UsageError(err.message) : err;
        }
      }
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
      case 'probe': {
        // Loaded only here: the live check talks to Entra, Graph and mail servers, which nothing else here does.
        const { probeCommand, ProbeCliUsageError, ProbeUsageError } = await import('./probe-cli.js');
        try {
          return await probeCommand(rest, env);
        } catch (err) {
          throw err instanceof ProbeCliUsageError || err instanceof ProbeUsageError ? new UsageError(err.message) : err;
        }
      }
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
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof InputError || (err as Error).name === 'ConfigError') {
      process.stderr.write(`mailhandler-doctor: ${(err as Error).message}\n`);
      return 2;
    }
    if (err instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      const problem = err instanceof UsageError ? err.message : parseArgsProblem(err as NodeJS.ErrnoException);
      const where = help ? `mailhandler-doctor ${command} --help` : 'mailhandler-doctor --help';
      process.stderr.write(`mailhandler-doctor: ${problem}\n(${where} lists what it takes)\n`);
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
