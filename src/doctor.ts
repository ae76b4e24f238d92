import type { Readable } from 'node:stream';
import { diagnoseStream, diagnoseText } from './core/index.js';
import type { CloudHint, Diagnosis, Facts, Learnt } from './core/types.js';
import { Gate } from './limit.js';
import { lookupTenant, parseTenant, type TenantLookup } from './tenant/lookup.js';

// The one entry point every front door calls (CLI, JSON API, playground, Slack, Teams): the offline core, plus what
// needs the network to settle an answer — the tenant's cloud from Microsoft's metadata — given to the core as a fact.

export interface DoctorOptions {
  /** Ask Microsoft which cloud a tenant named in the paste is in, when the answer depends on it (TENANT_LOOKUP). */
  tenantLookup: boolean;
  /** The look-up's timeout (default 3 s). */
  tenantLookupTimeoutMs?: number;
}

export interface ReadOptions {
  /** Read at most this many bytes (unpacked); the answer then says it was truncated. */
  maxBytes?: number;
  /** Clock for token expiry, for tests. */
  now?: number;
}

export type Source = Readable | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface Doctor {
  /** A paste: chat markup is undone first. */
  text(text: string, options?: ReadOptions): Promise<Diagnosis>;
  /** A file or body of any size, streamed: plain, gzip, UTF-8, UTF-16 or Windows-1252. */
  file(source: Source, options?: ReadOptions): Promise<Diagnosis>;
  /** Which cloud a tenant (domain, address or GUID) is in; answers "switched off" without a request when it is. */
  tenant(domainOrId: string): Promise<TenantLookup>;
}

const CLOUD_QUESTION_ID = 'tenant-cloud';
const NOT_A_TENANT = new Set(['common', 'organizations', 'consumers']);

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

/** When the answer waits on "which cloud?" and the paste names a tenant, Microsoft's metadata answers it. */
async function learnCloud(first: Diagnosis, options: DoctorOptions): Promise<Learnt | null> {
  if (!options.tenantLookup || !first.questions.some((q) => q.id === CLOUD_QUESTION_ID)) return null;
  const tenant = tenantNamedBy(first.facts);
  if (!tenant) return null;
  const result = await lookupTenant(tenant, { enabled: true, timeoutMs: options.tenantLookupTimeoutMs }).catch(
    () => null,
  );
  if (!result?.ok) {
    return {
      notes: [
        `The doctor tried to ask Microsoft which cloud tenant ${tenant} is in, but the look-up could not be made${result ? `: ${result.message}` : '.'} The question below still decides it.`,
      ],
    };
  }
  const hint: CloudHint = { cloud: result.cloud, source: 'metadata', line: 0, tenant };
  return { cloudHints: [hint] };
}

/** Logs read at once, and how many may wait: each holds bounded memory, so together they stay bounded too. */
const FILE_SCANS = { running: 4, waiting: 16 };

export function createDoctor(options: DoctorOptions): Doctor {
  const learn = (first: Diagnosis) => learnCloud(first, options);
  const scans = new Gate(FILE_SCANS.running, FILE_SCANS.waiting);
  return {
    text: (text, read = {}) => diagnoseText(text, { ...read, learn }),
    file: (source, read = {}) => scans.run(() => diagnoseStream(source, { ...read, learn })),
    tenant: (domainOrId) =>
      lookupTenant(domainOrId, { enabled: options.tenantLookup, timeoutMs: options.tenantLookupTimeoutMs }),
  };
}
