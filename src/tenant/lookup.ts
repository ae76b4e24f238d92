import { CLOUDS } from '../core/clouds.js';
import { tenantOfIssuer } from '../core/jwt.js';
import { US_GOV_IMAP_STEPS } from '../core/rules/screens.js';
import type { Cloud } from '../core/types.js';

// Asks Microsoft's public OpenID metadata which cloud a tenant lives in. The only request ever made is
// https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration, and only for a DNS name or a GUID.

export type TenantLookupFailure =
  | 'invalid-input'
  | 'disabled'
  | 'unknown-tenant'
  | 'refused'
  | 'timeout'
  | 'network'
  | 'server-error'
  | 'bad-response';

export interface TenantFound {
  ok: true;
  /** What was asked: a lower-case DNS name or GUID. */
  tenant: string;
  /** The tenant's GUID, read from the metadata's issuer. */
  tenantId?: string;
  cloud: Cloud;
  cloudName: string;
  graphHost: string;
  loginHost: string;
  /** Prefix of the IMAP/POP OAuth scopes for this cloud, e.g. https://outlook.office.com/. */
  imapScopePrefix: string;
  /** Whether JSM's Graph protocol (always graph.microsoft.com) can work for this tenant. */
  graphProtocolWorks: boolean;
  /** Steps of the IMAP/POP workaround when the Graph protocol cannot work; empty otherwise. */
  workaround: string[];
  /** The metadata fields the answer was read from, as Microsoft sent them. */
  metadata: {
    cloud_instance_name: string | null;
    msgraph_host: string | null;
    tenant_region_scope: string | null;
    tenant_region_sub_scope: string | null;
  };
  cached: boolean;
}

export interface TenantNotFound {
  ok: false;
  tenant: string;
  reason: TenantLookupFailure;
  /** A friendly sentence for chat, never a stack trace. */
  message: string;
  /** When Microsoft could not be asked from here: the metadata address to open in a browser instead. */
  checkUrl?: string;
}

export type TenantLookup = TenantFound | TenantNotFound;

export interface LookupOptions {
  /** false makes no request at all (TENANT_LOOKUP=off). */
  enabled: boolean;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3000;
const CACHE_TTL_MS = 60 * 60 * 1000;
const CACHE_MAX = 500;
const MAX_BODY = 256 * 1024;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Letters-only top-level label, so an IP address such as 127.0.0.1 is never taken for a domain.
const DNS_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The DNS name or GUID to ask about, or null when the input is anything else (URL, path, IP, port, spaces). */
export function parseTenant(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  // A mailbox address names its tenant by its domain.
  if (/^[^@\s/]{1,64}@[^@\s/]+$/.test(s)) s = s.slice(s.indexOf('@') + 1);
  return GUID.test(s) || DNS_NAME.test(s) ? s : null;
}

const INVALID_MESSAGE =
  'Give a tenant as a domain name (contoso.com, contoso.onmicrosoft.us) or a tenant ID (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47). URLs, paths, IP addresses, ports and spaces are not accepted, and nothing was looked up.';
const DISABLED_MESSAGE = 'The tenant look-up is switched off here (TENANT_LOOKUP=off), so Microsoft was not asked.';

const metadataUrl = (tenant: string) =>
  `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`;

/** How to read the answer yourself, from a browser that can reach Microsoft (the same fields cloudFromMetadata reads). */
const byHand = (tenant: string) =>
  `To check by hand, open ${metadataUrl(tenant)} in a browser and look at "cloud_instance_name": "microsoftonline.us" is a US government cloud ("tenant_region_sub_scope" DODCON is GCC High, DOD is DoD), "partner.microsoftonline.cn" is 21Vianet in China, and "microsoftonline.com" is the worldwide cloud (sub-scope GCC is plain GCC, which works like worldwide).`;

/** The IMAP/POP workaround for a government-cloud tenant, with this tenant's ID filled in. */
function workaroundFor(cloud: Cloud, tenantId: string | undefined): string[] {
  if (cloud === 'china') {
    return [
      'Atlassian documents no IMAP/POP workaround for 21Vianet; the Outlook resource there is https://partner.outlook.cn/, so ask Atlassian support before switching the channel, and vote for JSDSERVER-14090.',
    ];
  }
  if (CLOUDS[cloud].graphProtocolWorks) return [];
  // The same steps the diagnosis gives, with this tenant's ID filled in.
  return US_GOV_IMAP_STEPS.map((step) => (tenantId ? step.replaceAll('<tenant-id>', tenantId) : step));
}

// Checked by hand, not with a schema library: this module is in the command line's bundle, where zod was most of
// its size and of its start-up time.
const METADATA_FIELDS = [
  'issuer',
  'token_endpoint',
  'cloud_instance_name',
  'msgraph_host',
  'tenant_region_scope',
  'tenant_region_sub_scope',
] as const;
type Metadata = { issuer?: string; token_endpoint?: string } & Partial<
  Record<(typeof METADATA_FIELDS)[number], string | null>
>;
/** These two are strings when present; the cloud fields may be null. */
const NEVER_NULL = new Set(['issuer', 'token_endpoint']);

/** The OpenID metadata fields this tool reads, or null when one of them is there but not a string. */
function readMetadata(json: unknown): Metadata | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const out: Metadata = {};
  for (const field of METADATA_FIELDS) {
    const value = (json as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (value === null ? NEVER_NULL.has(field) : typeof value !== 'string') return null;
    (out as Record<string, string | null>)[field] = value as string | null;
  }
  return out;
}

/** Reads the cloud from the metadata; null when the answer has no field this tool knows. */
export function cloudFromMetadata(m: Metadata): Cloud | null {
  const instance = m.cloud_instance_name?.toLowerCase();
  const sub = m.tenant_region_sub_scope?.toUpperCase();
  const graph = m.msgraph_host?.toLowerCase();
  // Microsoft does not document these fields; the values are from public discovery documents and tools, cited per line.
  // partner.microsoftonline.cn: 21Vianet discovery docs (issuer login.partner.microsoftonline.cn, endpoints login.chinacloudapi.cn).
  if (instance === 'partner.microsoftonline.cn') return 'china';
  // microsoftonline.us: US government tenants (public OIDC tooling lists microsoftonline.com / .us / partner.microsoftonline.cn).
  if (instance === 'microsoftonline.us') {
    // DOD = DoD (public Get-TenantOidc script: USGov + DOD; live tests: armyeitaas.onmicrosoft.us → DOD).
    if (sub === 'DOD' || graph === 'dod-graph.microsoft.us') return 'dod';
    // DODCON = GCC High (same script: USGov + DODCON; live tests: gov.uiowa.edu → DODCON).
    if (sub === 'DODCON' || graph === 'graph.microsoft.us') return 'gcc-high';
    return 'gcc-high-or-dod';
  }
  // microsoftonline.com + msgraph_host graph.microsoft.com: panva/wellknown issuers/entra-common/entra-common.mjs.
  // GCC = plain GCC on the worldwide cloud (Get-TenantOidc: WW + GCC; live tests: nasa.gov → GCC).
  if (instance === 'microsoftonline.com') return sub === 'GCC' ? 'gcc' : 'worldwide';
  if (graph === 'graph.microsoft.com') return sub === 'GCC' ? 'gcc' : 'worldwide';
  return null;
}

const HOST = /^[a-z0-9.-]{1,253}$/;
const hostOf = (url: string | undefined): string | undefined => {
  if (!url || !URL.canParse(url)) return undefined;
  const host = new URL(url).hostname.toLowerCase();
  return HOST.test(host) ? host : undefined;
};

export function foundFromMetadata(tenant: string, m: Metadata, cached = false): TenantFound | null {
  const cloud = cloudFromMetadata(m);
  if (!cloud) return null;
  const facts = CLOUDS[cloud];
  const tenantId = tenantOfIssuer(m.issuer);
  const graphFromMs = m.msgraph_host?.toLowerCase();
  return {
    ok: true,
    tenant,
    tenantId,
    cloud,
    cloudName: facts.name,
    graphHost: graphFromMs && HOST.test(graphFromMs) && cloud !== 'gcc-high-or-dod' ? graphFromMs : facts.graphHost,
    loginHost: cloud === 'gcc-high-or-dod' ? facts.loginHost : (hostOf(m.token_endpoint) ?? facts.loginHost),
    imapScopePrefix: facts.imapScopePrefix,
    graphProtocolWorks: facts.graphProtocolWorks,
    workaround: workaroundFor(cloud, tenantId),
    metadata: {
      cloud_instance_name: m.cloud_instance_name ?? null,
      msgraph_host: m.msgraph_host ?? null,
      tenant_region_scope: m.tenant_region_scope ?? null,
      tenant_region_sub_scope: m.tenant_region_sub_scope ?? null,
    },
    cached,
  };
}

const cache = new Map<string, { at: number; result: TenantLookup }>();

/** Forgets every cached answer (tests, or an operator who wants a fresh look). */
export function clearTenantCache(): void {
  cache.clear();
}

function remember(key: string, result: TenantLookup) {
  cache.delete(key);
  // A Map iterates in insertion order, so the first key is the oldest one.
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, { at: Date.now(), result });
}

/** Reasons that leave the question open, for which the tenant's metadata can still be read by hand. */
const OPEN: readonly TenantLookupFailure[] = ['disabled', 'network', 'timeout', 'server-error', 'bad-response'];

function fail(tenant: string, reason: TenantLookupFailure, message: string): TenantNotFound {
  if (!tenant || !OPEN.includes(reason)) return { ok: false, tenant, reason, message };
  return { ok: false, tenant, reason, message: `${message} ${byHand(tenant)}`, checkUrl: metadataUrl(tenant) };
}

export async function lookupTenant(domainOrId: string, options: LookupOptions): Promise<TenantLookup> {
  const tenant = parseTenant(typeof domainOrId === 'string' ? domainOrId : '');
  // What was refused is never repeated: it may be a pasted secret.
  if (!tenant) return fail('', 'invalid-input', INVALID_MESSAGE);
  if (!options.enabled) return fail(tenant, 'disabled', DISABLED_MESSAGE);
  const hit = cache.get(tenant);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.result.ok ? { ...hit.result, cached: true } : hit.result;
  const result = await ask(tenant, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // Only Microsoft's own answers are kept; a timeout or outage is worth retrying soon.
  if (result.ok || result.reason === 'unknown-tenant') remember(tenant, result);
  return result;
}

async function ask(tenant: string, timeoutMs: number): Promise<TenantLookup> {
  const url = metadataUrl(tenant);
  const cannot = "Microsoft's tenant metadata could not be reached";
  let res: Response;
  let body: string;
  try {
    // redirect: 'error' keeps the request on Microsoft's host whatever it answers.
    res = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    body = (await res.text()).slice(0, MAX_BODY);
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return fail(tenant, 'timeout', `${cannot}: it did not answer within ${Math.round(timeoutMs / 100) / 10} s.`);
    }
    return fail(tenant, 'network', `${cannot} (no network connection to login.microsoftonline.com).`);
  }
  if (res.status === 400 && /AADSTS90002\b/.test(body)) {
    return fail(
      tenant,
      'unknown-tenant',
      `Microsoft does not know this tenant: ${tenant}. Check the spelling, or use the tenant ID (Entra admin center > Overview).`,
    );
  }
  if (res.status >= 500)
    return fail(tenant, 'server-error', `${cannot}: it answered HTTP ${res.status}. Try again later.`);
  if (res.status !== 200) {
    const code = body.match(/AADSTS\d{4,7}/)?.[0];
    return fail(
      tenant,
      'refused',
      `Microsoft refused to describe ${tenant} (HTTP ${res.status}${code ? `, ${code}` : ''}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail(tenant, 'bad-response', `${cannot}: its answer was not JSON.`);
  }
  const metadata = readMetadata(json);
  const found = metadata ? foundFromMetadata(tenant, metadata) : null;
  return (
    found ?? fail(tenant, 'bad-response', `Microsoft answered for ${tenant}, but without a cloud this tool knows.`)
  );
}

/** A few plain-text lines for chat: the cloud, its hosts, and what it means for the JSM mail handler. */
export function describeTenant(result: TenantLookup): string {
  if (!result.ok) return result.message;
  const lines = [
    `Tenant ${result.tenant}${result.tenantId && result.tenantId !== result.tenant ? ` (${result.tenantId})` : ''} is in ${result.cloudName}, according to Microsoft's public metadata.`,
    `Graph host: ${result.graphHost} · Login host: ${result.loginHost} · IMAP/POP scope prefix: ${result.imapScopePrefix}`,
  ];
  if (result.graphProtocolWorks) {
    lines.push(
      `JSM's Graph protocol can work here (it calls graph.microsoft.com). Scopes for Graph: Mail.ReadWrite offline_access; for IMAP/POP: ${result.imapScopePrefix}IMAP.AccessAsUser.All ${result.imapScopePrefix}POP.AccessAsUser.All offline_access.`,
    );
    if (result.cloud === 'gcc') {
      lines.push(
        'Plain GCC uses the worldwide endpoints; the graph.microsoft.us limit applies only to GCC High and DoD.',
      );
    }
  } else {
    lines.push(
      `JSM's Graph protocol cannot work here: it always calls graph.microsoft.com, and a token from this cloud is not valid there (JSDSERVER-14090).`,
    );
    if (result.cloud === 'china') lines.push(...result.workaround);
    else {
      lines.push('Workaround, supported by Atlassian: use IMAP/POP with OAuth 2.0 instead.');
      lines.push(...result.workaround.map((step, i) => `${i + 1}. ${step}`));
    }
  }
  return lines.join('\n');
}
