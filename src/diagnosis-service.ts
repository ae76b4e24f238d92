import type { Readable } from 'node:stream';
import { type DiagnoseOptions, diagnoseText as diagnoseAnyText, diagnoseStream } from './core/index.js';
import type { Cloud, Diagnosis, Facts } from './core/types.js';
import { lookupEnabled, lookupTenant, parseTenant, type TenantFound } from './tenant/lookup.js';

// The one seam every chat front door calls. The core is synchronous and offline; anything that needs the network
// to sharpen an answer (the tenant look-up of issue 7) is added here, so Slack, Teams and the playground get it alike.

export interface ServiceOptions extends DiagnoseOptions {
  /** Ask Microsoft which cloud a named tenant is in when the core asks "which cloud?"; default TENANT_LOOKUP != off. */
  tenantLookup?: boolean;
  /** Test hook for the look-up's timeout (default 3 s). */
  tenantLookupTimeoutMs?: number;
}

const CLOUD_QUESTION_ID = 'tenant-cloud';
const SOVEREIGN_RULE = 'sovereign-graph-endpoint-hardcoded';
const NOT_A_TENANT = new Set(['common', 'organizations', 'consumers']);

/** The option of the core's cloud question that matches a look-up's answer: by label, else by the answer's words. */
const ANSWER_FOR: Record<Cloud, { label: string; words: RegExp } | null> = {
  worldwide: { label: 'Worldwide (commercial)', words: /\bworldwide\b/i },
  gcc: { label: 'GCC', words: /\bplain GCC\b/i },
  'gcc-high': { label: 'GCC High', words: /\bGCC High\b/i },
  dod: { label: 'DoD', words: /\bDoD\b/ },
  china: { label: 'China (21Vianet)', words: /21Vianet/i },
  'gcc-high-or-dod': null,
};

/** The tenant a paste names: a token's tid, then an endpoint's tenant, then a mailbox address's domain. */
export function tenantNamedBy(facts: Facts): string | null {
  const tid = facts.token?.tid ? parseTenant(facts.token.tid) : null;
  if (tid) return tid;
  for (const endpoint of facts.endpoints) {
    const segment = /^https:\/\/[^/]+\/([^/]+)\//.exec(endpoint)?.[1]?.toLowerCase();
    const tenant = segment && !NOT_A_TENANT.has(segment) ? parseTenant(segment) : null;
    if (tenant) return tenant;
  }
  for (const domain of facts.mailboxDomains) {
    const tenant = parseTenant(domain);
    if (tenant) return tenant;
  }
  return null;
}

type Resolution = { answer: string; found: TenantFound } | { note: string } | null;

/** Answers the core's "which cloud?" question from Microsoft's metadata when the paste names a tenant. Never throws. */
async function resolveCloud(original: Diagnosis, options: ServiceOptions): Promise<Resolution> {
  const question = original.questions.find((q) => q.id === CLOUD_QUESTION_ID);
  if (!question || !(options.tenantLookup ?? lookupByDefault ?? lookupEnabled())) return null;
  try {
    const tenant = tenantNamedBy(original.facts);
    if (!tenant) return null;
    const result = await lookupTenant(tenant, { enabled: true, timeoutMs: options.tenantLookupTimeoutMs });
    if (!result.ok) {
      return {
        note: `The doctor tried to ask Microsoft which cloud tenant ${tenant} is in, but the look-up could not be made: ${result.message} The question below still decides it.`,
      };
    }
    const want = ANSWER_FOR[result.cloud];
    const option =
      want &&
      (question.options.find((o) => o.label === want.label) ?? question.options.find((o) => want.words.test(o.answer)));
    if (!option) return { note: `Microsoft's public metadata for ${tenant} says it is in ${result.cloudName}.` };
    return { answer: option.answer, found: result };
  } catch {
    return { note: 'The doctor could not look up which cloud the tenant is in; the question below still decides it.' };
  }
}

function withNotes(d: Diagnosis, notes: string[]): Diagnosis {
  return { ...d, notes: [...d.notes, ...notes.filter((n) => !d.notes.includes(n))] };
}

/** The re-run diagnosis, told as the look-up's finding: the answer line is not the user's, and the input is theirs. */
function adopt(input: Diagnosis['input'], rerun: Diagnosis, found: TenantFound): Diagnosis {
  const source = `Microsoft's public metadata for ${found.tenant}`;
  const settlesIt = found.cloud === 'worldwide' || found.cloud === 'gcc';
  let findings = rerun.findings.map((f) =>
    f.id === SOVEREIGN_RULE
      ? { ...f, cause: f.cause.replace('you say the tenant is in', `${source} shows the tenant is in`) }
      : f,
  );
  // Metadata saying plain GCC is not the loose word "GCC" the core doubts, so the government-cloud limit is ruled out.
  if (settlesIt) findings = findings.filter((f) => f.id !== SOVEREIGN_RULE);
  const note = found.graphProtocolWorks
    ? `The cloud came from ${source}: ${found.cloudName}, which uses graph.microsoft.com, so JSM's Graph protocol can work and the government-cloud limit is not the cause. Check which application link the channel really uses and its scopes.`
    : `The cloud came from ${source}: ${found.cloudName} (Graph host ${found.graphHost}), so JSM's Graph protocol cannot work for this mailbox.`;
  const notes = rerun.notes.filter((n) => findings.length > 0 || !n.startsWith('No known mail-handler problem'));
  return {
    ...rerun,
    findings,
    questions: findings.length > 0 ? rerun.questions.filter((q) => q.id !== CLOUD_QUESTION_ID) : [],
    notes: [...notes, note],
    input,
  };
}

async function settle(
  original: Diagnosis,
  resolution: Resolution,
  rerun: (answer: string) => Promise<Diagnosis>,
): Promise<Diagnosis> {
  if (!resolution) return original;
  if ('note' in resolution) return withNotes(original, [resolution.note]);
  return adopt(original.input, await rerun(resolution.answer), resolution.found);
}

/** What TENANT_LOOKUP says, set once at start-up (startApp); a call's own `tenantLookup` option wins. */
let lookupByDefault: boolean | undefined;
export function setTenantLookupDefault(on: boolean) {
  lookupByDefault = on;
}

export async function diagnoseText(text: string, options: ServiceOptions = {}): Promise<Diagnosis> {
  const original = await diagnoseAnyText(text, options);
  // A truncated paste would cut the appended answer off, so it is not re-run.
  if (original.input.truncated) return original;
  const resolution = await resolveCloud(original, options);
  return settle(original, resolution, (answer) => diagnoseAnyText(`${text}\n${answer}`, options));
}

export async function diagnoseFile(
  source: Readable | AsyncIterable<Uint8Array | string>,
  options: ServiceOptions = {},
): Promise<Diagnosis> {
  // The core keeps what it learnt from the file, so the looked-up answer is added without reading the file again.
  let first: Diagnosis | undefined;
  let resolution: Resolution = null;
  const last = await diagnoseStream(source, {
    ...options,
    followUp: async (d) => {
      first = d;
      resolution = await resolveCloud(d, options);
      return resolution && 'answer' in resolution ? resolution.answer : null;
    },
  });
  if (!first) return last;
  return settle(first, resolution, async () => last);
}
