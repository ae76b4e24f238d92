import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { APP_ID } from './config-basics.js';
import { redactText } from './core/index.js';
import type { Cloud, Diagnosis } from './core/types.js';
import { createDoctor } from './doctor.js';
import { describeExpiry, forecastExpiry, WARN_DAYS } from './probe/expiry.js';
import {
  checkOrigin,
  type Grant,
  ProbeUsageError,
  type Protocol,
  parseMailHost,
  runProbe,
  type Step,
} from './probe/run.js';
import { renderText } from './render/index.js';

// `mailhandler-doctor probe`: the live check, on the command line only (a secret does not belong in a chat). Its own
// file (dist/probe-cli.js), loaded by that command alone. The secret comes from PROBE_CLIENT_SECRET or a prompt that
// does not echo; it is never a flag, and never printed, logged or written to the bundle.

export const PROBE_HELP = `Usage: mailhandler-doctor probe --protocol graph|imap|pop|smtp --tenant <id or domain> --client-id <guid>
         --mailbox <address> --grant client-credentials|refresh-token [--cloud worldwide|gcc|gcc-high|dod|china]
         [--json] [--bundle FILE] [--login-host URL] [--graph-host URL] [--mail-host imaps://host:port]

Runs the steps Jira runs against your tenant, in order, and stops at the first that fails: the tenant and its cloud
(tenant), the token request (token), what the token says (claims), then the mailbox: Graph's inbox (graph), or
IMAP/POP over TLS with XOAUTH2 (imap-connect, imap-authenticate, imap-select; pop-…), or SMTP with STARTTLS and
XOAUTH2 (smtp-connect, smtp-starttls, smtp-authenticate). Then it diagnoses what the servers answered.
  The client secret: PROBE_CLIENT_SECRET, or typed at the prompt (not shown). Never a flag.
  --grant refresh-token also needs PROBE_REFRESH_TOKEN (delegated, as after Jira's Authorize).
  --bundle FILE  writes a support bundle: steps, hosts, request ids, times and the diagnosis; no secret, token or mail.
  --expiry  instead: when the app's client secrets and certificates end (needs Graph's Application.Read.All
            application permission); exit 1 when one ends within 30 days.
It reads one message id from the inbox at most, never message contents, and keeps nothing.
Exit codes: 0 every step passed; 1 a step failed; 2 usage error.`;

const CLOUDS: Cloud[] = ['worldwide', 'gcc', 'gcc-high', 'dod', 'china'];

export class ProbeCliUsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new ProbeCliUsageError(`--${name} is required`);
  return v.trim();
}

/** The secret from the environment, or typed at a terminal without echo; never from a flag. */
async function readSecret(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env.PROBE_CLIENT_SECRET;
  if (fromEnv) return fromEnv;
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new ProbeCliUsageError('set PROBE_CLIENT_SECRET (or run on a terminal to be asked for it)');
  process.stderr.write('Client secret (not shown): ');
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let secret = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          return resolve();
        }
        if (ch === '\u0003') {
          stdin.off('data', onData);
          return reject(new ProbeCliUsageError('cancelled'));
        }
        if (ch === '\u007f') secret = secret.slice(0, -1);
        else secret += ch;
      }
    };
    stdin.on('data', onData);
  }).finally(() => {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  });
  if (!secret) throw new ProbeCliUsageError('no client secret was given');
  return secret;
}

const table = (steps: Step[]) =>
  steps
    .map(
      (s) => `${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(18)} ${String(s.ms).padStart(6)} ms  ${redactText(s.detail)}`,
    )
    .join('\n');

export async function probeCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      protocol: { type: 'string' },
      tenant: { type: 'string' },
      'client-id': { type: 'string' },
      mailbox: { type: 'string' },
      grant: { type: 'string' },
      cloud: { type: 'string' },
      json: { type: 'boolean' },
      bundle: { type: 'string' },
      'login-host': { type: 'string' },
      'graph-host': { type: 'string' },
      'mail-host': { type: 'string' },
      'client-secret': { type: 'string' },
      expiry: { type: 'boolean' },
    },
  });
  if (values['client-secret'] !== undefined) {
    throw new ProbeCliUsageError(
      'the client secret is never taken from a flag (it would stay in your shell history): set PROBE_CLIENT_SECRET or let the probe ask for it',
    );
  }
  if (values.expiry) return expiryCommand(values, env);
  const protocol = required(values, 'protocol') as Protocol;
  if (!['graph', 'imap', 'pop', 'smtp'].includes(protocol))
    throw new ProbeCliUsageError('--protocol must be graph, imap, pop or smtp');
  const grant = required(values, 'grant') as Grant;
  if (grant !== 'client-credentials' && grant !== 'refresh-token') {
    throw new ProbeCliUsageError('--grant must be client-credentials or refresh-token');
  }
  const cloud = values.cloud as Cloud | undefined;
  if (cloud !== undefined && !CLOUDS.includes(cloud))
    throw new ProbeCliUsageError(`--cloud must be one of ${CLOUDS.join(', ')}`);
  const clientId = required(values, 'client-id');
  if (!APP_ID.test(clientId)) {
    throw new ProbeCliUsageError('--client-id must be the application (client) ID, a GUID');
  }
  const options = {
    protocol,
    grant,
    cloud,
    clientId,
    tenant: required(values, 'tenant'),
    mailbox: required(values, 'mailbox'),
    loginHost: values['login-host'] ? checkOrigin('--login-host', values['login-host']) : undefined,
    graphHost: values['graph-host'] ? checkOrigin('--graph-host', values['graph-host']) : undefined,
    mailHost: values['mail-host'],
    refreshToken: env.PROBE_REFRESH_TOKEN,
  };
  if (options.mailHost) {
    if (protocol === 'graph')
      throw new ProbeCliUsageError('--mail-host is for imap, pop and smtp; Graph takes --graph-host');
    parseMailHost(protocol, options.mailHost);
  }
  if (grant === 'refresh-token' && !options.refreshToken) {
    throw new ProbeCliUsageError(
      '--grant refresh-token needs PROBE_REFRESH_TOKEN (the refresh token Jira got at Authorize)',
    );
  }
  const secret = await readSecret(env);
  const result = await runProbe({ ...options, secret });
  // The servers' answers, read as a paste: the same kind of Diagnosis, with the failing step in it.
  const doctor = createDoctor({ tenantLookup: false });
  let diagnosis: Diagnosis;
  try {
    diagnosis = await doctor.text(result.transcript.join('\n'));
  } finally {
    await doctor.close();
  }
  const steps = result.steps.map((s) => ({ ...s, detail: redactText(s.detail) }));
  const failed = steps.some((s) => !s.ok);
  if (values.json) process.stdout.write(`${JSON.stringify({ steps, diagnosis }, null, 2)}\n`);
  else {
    process.stdout.write(`${table(steps)}\n\n`);
    process.stdout.write(failed ? renderText(diagnosis) : 'Every step passed: Jira can reach this mailbox this way.\n');
  }
  if (values.bundle) {
    const bundle = {
      tool: 'mailhandler-doctor probe',
      at: new Date().toISOString(),
      protocol,
      grant,
      cloud: result.cloud ?? cloud ?? null,
      hosts: [...new Set(result.hosts)],
      requestIds: result.requestIds,
      steps,
      diagnosis,
    };
    // Every string once more through redaction: the bundle is sent to other people.
    writeFileSync(values.bundle, `${redactText(JSON.stringify(bundle, null, 2))}\n`, { mode: 0o600 });
  }
  return failed ? 1 : 0;
}

/** `probe --expiry`: when the app's secrets and certificates end; exit 1 when one ends within WARN_DAYS days. */
async function expiryCommand(values: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<number> {
  const cloud = values.cloud as Cloud | undefined;
  if (cloud !== undefined && !CLOUDS.includes(cloud))
    throw new ProbeCliUsageError(`--cloud must be one of ${CLOUDS.join(', ')}`);
  const tenant = required(values, 'tenant');
  const clientId = required(values, 'client-id');
  const loginHost =
    typeof values['login-host'] === 'string' ? checkOrigin('--login-host', values['login-host']) : undefined;
  const graphHost =
    typeof values['graph-host'] === 'string' ? checkOrigin('--graph-host', values['graph-host']) : undefined;
  const secret = await readSecret(env);
  const e = await forecastExpiry({ tenant, clientId, secret, cloud, loginHost, graphHost });
  if (!e.ok) {
    process.stderr.write(`mailhandler-doctor probe --expiry: ${redactText(e.detail)}\n`);
    return 1;
  }
  process.stdout.write(values.json ? `${JSON.stringify(e, null, 2)}\n` : describeExpiry(e));
  return e.credentials.some((c) => c.daysLeft <= WARN_DAYS) ? 1 : 0;
}

export { ProbeUsageError };
