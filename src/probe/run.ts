import { CLOUDS } from '../core/clouds.js';
import { decodeJwt } from '../core/jwt.js';
import type { Cloud } from '../core/types.js';
import { foundFromMetadata } from '../tenant/lookup.js';
import { MailConversation, xoauth2 } from './mail.js';

// `mailhandler-doctor probe`: the steps Jira takes to read (or send) mail, run against the real tenant in order,
// stopping at the first that fails. What the servers answered becomes a transcript the diagnosis core reads, so a
// live check is answered like a paste. The secret and the token never leave this module except to Microsoft.

export type Protocol = 'graph' | 'imap' | 'pop' | 'smtp';
export type Grant = 'client-credentials' | 'refresh-token';

export interface ProbeOptions {
  protocol: Protocol;
  tenant: string;
  clientId: string;
  mailbox: string;
  grant: Grant;
  /** The client secret (from PROBE_CLIENT_SECRET or a prompt, never a flag). */
  secret: string;
  /** For --grant refresh-token (PROBE_REFRESH_TOKEN). */
  refreshToken?: string;
  cloud?: Cloud;
  /** Overrides, for private endpoints and tests: origins such as https://login.example or http://127.0.0.1:8080. */
  loginHost?: string;
  graphHost?: string;
  /** imaps://host:port, imap://, pop3s://, pop3://, smtp:// (STARTTLS). */
  mailHost?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface Step {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}

export interface ProbeResult {
  steps: Step[];
  /** What the servers answered, with the context lines the diagnosis needs; holds the token, so never printed. */
  transcript: string[];
  hosts: string[];
  requestIds: string[];
  cloud?: Cloud;
}

/** Where each cloud's Exchange Online takes IMAP, POP and SMTP (DoD's and 21Vianet's SMTP host: give --mail-host). */
const MAIL_HOSTS: Record<Cloud, { imap: string; smtp?: string }> = {
  worldwide: { imap: 'outlook.office365.com', smtp: 'smtp.office365.com' },
  gcc: { imap: 'outlook.office365.com', smtp: 'smtp.office365.com' },
  'gcc-high': { imap: 'outlook.office365.us', smtp: 'smtp.office365.us' },
  dod: { imap: 'outlook.office365.us' },
  'gcc-high-or-dod': { imap: 'outlook.office365.us' },
  china: { imap: 'partner.outlook.cn' },
};
const DEFAULT_PORT: Record<string, number> = { imaps: 993, imap: 143, pop3s: 995, pop3: 110, smtp: 587 };
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/i;
export const isLoopbackHost = (host: string) => LOOPBACK.test(host);

export class ProbeUsageError extends Error {}

/** An origin given on the command line: https anywhere, plain http only on this machine. */
export function checkOrigin(flag: string, value: string): string {
  if (!URL.canParse(value)) throw new ProbeUsageError(`${flag} must be a URL such as https://login.example.com`);
  const url = new URL(value);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url.origin;
  throw new ProbeUsageError(`${flag}: only https:// is accepted (plain http:// only for a loopback address)`);
}

/** --mail-host: the scheme must fit the protocol; unencrypted IMAP or POP only on this machine. */
export function parseMailHost(protocol: Protocol, value: string): { host: string; port: number; tls: boolean } {
  const m = /^(imaps?|pop3s?|smtp):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?\/?$/i.exec(value);
  if (!m) throw new ProbeUsageError('--mail-host must look like imaps://host:993, pop3s://host:995 or smtp://host:587');
  const scheme = (m[1] ?? '').toLowerCase();
  const host = m[2] ?? '';
  const wanted = protocol === 'imap' ? /^imaps?$/ : protocol === 'pop' ? /^pop3s?$/ : /^smtp$/;
  if (!wanted.test(scheme)) throw new ProbeUsageError(`--mail-host ${scheme}:// does not fit --protocol ${protocol}`);
  const tls = scheme.endsWith('s');
  if (!tls && scheme !== 'smtp' && !isLoopbackHost(host)) {
    throw new ProbeUsageError(`--mail-host ${scheme}:// sends the token unencrypted: only for a loopback address`);
  }
  return { host: host.replace(/^\[|\]$/g, ''), port: Number(m[3] ?? DEFAULT_PORT[scheme]), tls };
}

/** The token's resource and the permissions the protocol needs, for the grant. */
function scopesFor(o: ProbeOptions, graphResource: string, exchangeResource: string): string {
  if (o.protocol === 'graph') {
    return o.grant === 'client-credentials'
      ? `${graphResource}/.default`
      : `${graphResource}/Mail.ReadWrite offline_access`;
  }
  if (o.grant === 'client-credentials') return `${exchangeResource}/.default`;
  const scope = { imap: 'IMAP.AccessAsUser.All', pop: 'POP.AccessAsUser.All', smtp: 'SMTP.Send' }[o.protocol];
  return `${exchangeResource}/${scope} offline_access`;
}

export async function runProbe(o: ProbeOptions): Promise<ProbeResult> {
  const fetcher = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const result: ProbeResult = { steps: [], transcript: [], hosts: [], requestIds: [] };
  const { steps, transcript } = result;
  const grantWords = o.grant === 'client-credentials' ? 'client credentials (app-only)' : 'refresh token (delegated)';
  const protocolWords = { graph: 'Microsoft Graph API', imap: 'IMAP', pop: 'POP3', smtp: 'SMTP' }[o.protocol];
  transcript.push(`Live probe: ${protocolWords} protocol, grant type ${grantWords}, mailbox ${o.mailbox}`);

  const step = async (name: string, run: () => Promise<{ ok: boolean; detail: string }>): Promise<boolean> => {
    const started = performance.now();
    let outcome: { ok: boolean; detail: string };
    try {
      outcome = await run();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      outcome = { ok: false, detail: `${e.cause?.code ? `${e.cause.code}: ` : ''}${e.message}` };
      transcript.push(`${name} failed: ${outcome.detail}`);
    }
    steps.push({ name, ok: outcome.ok, ms: Math.round(performance.now() - started), detail: outcome.detail });
    return outcome.ok;
  };
  const get = async (url: string, init: RequestInit = {}) => {
    result.hosts.push(new URL(url).host);
    const res = await fetcher(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const id = res.headers.get('request-id') ?? res.headers.get('x-ms-request-id');
    if (id) result.requestIds.push(id);
    return res;
  };

  // 1. The tenant and its cloud, from Microsoft's OpenID metadata.
  const loginOrigin = o.loginHost ?? `https://${CLOUDS[o.cloud ?? 'worldwide'].loginHost}`;
  let cloud: Cloud = o.cloud ?? 'worldwide';
  let tokenUrl = '';
  const tenantOk = await step('tenant', async () => {
    const res = await get(`${loginOrigin}/${encodeURIComponent(o.tenant)}/v2.0/.well-known/openid-configuration`);
    const body = await res.text();
    if (!res.ok) {
      transcript.push(body);
      return { ok: false, detail: `HTTP ${res.status}: the tenant ${o.tenant} is not known to Entra here` };
    }
    const found = foundFromMetadata(o.tenant, JSON.parse(body));
    if (!found) return { ok: false, detail: 'the metadata names no cloud this tool knows' };
    if (o.cloud && o.cloud !== found.cloud && !(found.cloud === 'gcc-high-or-dod' && o.cloud !== 'worldwide')) {
      return { ok: false, detail: `--cloud ${o.cloud}, but Microsoft says the tenant is in ${found.cloudName}` };
    }
    cloud = found.cloud === 'gcc-high-or-dod' && o.cloud ? o.cloud : found.cloud;
    result.cloud = cloud;
    const login = o.loginHost ?? `https://${found.loginHost}`;
    tokenUrl = `${login}/${encodeURIComponent(o.tenant)}/oauth2/v2.0/token`;
    transcript.push(`Tenant ${o.tenant}${found.tenantId ? ` (${found.tenantId})` : ''} is in ${found.cloudName}.`);
    return { ok: true, detail: `${found.cloudName}; token endpoint ${new URL(tokenUrl).host}` };
  });
  if (!tenantOk) return result;

  // 2. The token, as Jira asks for it.
  const facts = CLOUDS[cloud];
  const graphResource = `https://${cloud === 'gcc-high-or-dod' ? 'graph.microsoft.us' : facts.graphHost}`;
  const exchangeResource = facts.imapScopePrefix.replace(/\/$/, '');
  const scope = scopesFor(o, graphResource, exchangeResource);
  let token = '';
  const tokenOk = await step('token', async () => {
    const grant: Record<string, string> =
      o.grant === 'client-credentials'
        ? { grant_type: 'client_credentials' }
        : { grant_type: 'refresh_token', refresh_token: o.refreshToken ?? '' };
    transcript.push(`POST ${tokenUrl} grant_type=${grant.grant_type} scope=${scope}`);
    const answer = await requestToken(get, tokenUrl, {
      client_id: o.clientId,
      client_secret: o.secret,
      scope,
      ...grant,
    });
    if (answer.token) {
      token = answer.token;
      return { ok: true, detail: `${answer.tokenType} token for ${scope}` };
    }
    // Entra's error as it came: the diagnosis reads its AADSTS code (and redacts what it must).
    transcript.push(JSON.stringify({ error: answer.error, error_description: answer.description }));
    return {
      ok: false,
      detail: `HTTP ${answer.status} ${answer.error ?? ''}${answer.code ? ` (${answer.code})` : ''}`,
    };
  });
  if (!tokenOk) return result;

  // 3. What the token says, against what the protocol needs.
  const claimsOk = await step('claims', async () => {
    // The token goes to the diagnosis as a header line, which it decodes and redacts like a pasted one.
    transcript.push(`Authorization: Bearer ${token}`);
    const decoded = decodeJwt(token);
    if (!decoded.ok)
      return { ok: true, detail: `not a readable JWT (${decoded.reason}); checked by the server instead` };
    const c = decoded.claims;
    const aud = (c.aud ?? '').replace(/\/$/, '');
    const forGraph = aud === graphResource || aud === GRAPH_APP_ID || c.resource === 'graph';
    const forExchange = aud === exchangeResource || aud === EXCHANGE_APP_ID || c.resource === 'outlook';
    const grants = c.appOnly ? `roles ${c.roles ?? 'none'}` : `scopes ${c.scp ?? 'none'}`;
    const seen = `audience ${c.aud ?? 'none'}, ${grants}`;
    if (o.protocol === 'graph' ? !forGraph : !forExchange) {
      return { ok: false, detail: `${seen}: not a token for ${o.protocol === 'graph' ? 'Graph' : 'Exchange'}` };
    }
    if (c.expired) return { ok: false, detail: `${seen}: already expired` };
    if ((o.grant === 'client-credentials') !== Boolean(c.appOnly)) {
      return {
        ok: false,
        detail: `${seen}: not the ${o.grant === 'client-credentials' ? 'app-only' : 'delegated'} token the grant asks for`,
      };
    }
    const needs =
      o.grant === 'client-credentials'
        ? {
            graph: /\bMail\.(?:Read|ReadWrite)\b/,
            imap: /\bIMAP\.AccessAsApp\b/,
            pop: /\bPOP\.AccessAsApp\b/,
            smtp: /\bSMTP\.SendAsApp\b/,
          }
        : {
            graph: /\bMail\.(?:Read|ReadWrite)\b/,
            imap: /\bIMAP\.AccessAsUser\.All\b/,
            pop: /\bPOP\.AccessAsUser\.All\b/,
            smtp: /\bSMTP\.Send\b/,
          };
    const held = (o.grant === 'client-credentials' ? c.roles : c.scp) ?? '';
    // With Exchange RBAC for Applications a Graph app-only token rightly carries no Mail role: Graph decides.
    if (!needs[o.protocol].test(held) && !(o.protocol === 'graph' && o.grant === 'client-credentials')) {
      return { ok: false, detail: `${seen}: lacks the permission ${o.protocol.toUpperCase()} needs` };
    }
    return { ok: true, detail: seen };
  });
  if (!claimsOk) return result;

  // 4. The mailbox itself.
  if (o.protocol === 'graph') {
    const origin = o.graphHost ?? graphResource;
    const who = o.grant === 'client-credentials' ? `users/${encodeURIComponent(o.mailbox)}` : 'me';
    const url = `${origin}/v1.0/${who}/mailFolders/inbox/messages?$top=1&$select=id`;
    await step('graph', async () => {
      transcript.push(`GET ${url}`);
      const res = await get(url, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.ok)
        return { ok: true, detail: `HTTP ${res.status}: the inbox can be read (message contents not fetched)` };
      transcript.push(`HTTP ${res.status} ${body.slice(0, 4000)}`);
      const code = /"code"\s*:\s*"([^"]{1,80})"/.exec(body)?.[1];
      return { ok: false, detail: `HTTP ${res.status}${code ? ` ${code}` : ''}` };
    });
    return result;
  }
  const mailHosts = MAIL_HOSTS[cloud];
  const defaultHost = o.protocol === 'smtp' ? mailHosts.smtp : mailHosts.imap;
  if (!o.mailHost && !defaultHost) {
    steps.push({
      name: `${o.protocol}-connect`,
      ok: false,
      ms: 0,
      detail: `no known ${o.protocol.toUpperCase()} host for ${facts.name}: give --mail-host`,
    });
    return result;
  }
  // The cloud's own host is written as a --mail-host would be, so both are read one way.
  const secureScheme = { imap: 'imaps', pop: 'pop3s', smtp: 'smtp' }[o.protocol];
  const endpoint = parseMailHost(o.protocol, o.mailHost ?? `${secureScheme}://${defaultHost}`);
  result.hosts.push(`${endpoint.host}:${endpoint.port}`);
  transcript.push(`Connecting to ${endpoint.host}:${endpoint.port}`);
  let mail: MailConversation | null = null;
  try {
    const connected = await step(`${o.protocol}-connect`, async () => {
      mail = await MailConversation.open(endpoint.host, endpoint.port, endpoint.tls, timeoutMs);
      const greeting = await mail.reply(() => true);
      const line = greeting[0] ?? '';
      const ok =
        o.protocol === 'imap'
          ? /^\* OK/i.test(line)
          : o.protocol === 'pop'
            ? /^\+OK/.test(line)
            : /^220[ -]/.test(line);
      return { ok, detail: line.slice(0, 200) };
    });
    if (!connected || !mail) return result;
    await mailSteps(o, mail, endpoint, token, step);
  } finally {
    if (mail) {
      transcript.push(...(mail as MailConversation).heard);
      (mail as MailConversation).close();
    }
  }
  return result;
}

export interface TokenAnswer {
  status: number;
  token?: string;
  tokenType?: string;
  error?: string;
  description?: string;
  /** The AADSTS code in Entra's description, when it refused. */
  code?: string;
}

/** A token request at Entra's token endpoint, and what came back (the token, or the refusal and its AADSTS code). */
export async function requestToken(
  post: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  form: Record<string, string>,
): Promise<TokenAnswer> {
  const res = await post(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok && typeof body.access_token === 'string') {
    return { status: res.status, token: body.access_token, tokenType: String(body.token_type ?? 'Bearer') };
  }
  const description = typeof body.error_description === 'string' ? body.error_description : undefined;
  const code = /AADSTS\d+/.exec(description?.split(/\r?\n/)[0] ?? '')?.[0];
  return { status: res.status, error: typeof body.error === 'string' ? body.error : undefined, description, code };
}

type StepRunner = (name: string, run: () => Promise<{ ok: boolean; detail: string }>) => Promise<boolean>;

async function mailSteps(
  o: ProbeOptions,
  mail: MailConversation,
  endpoint: { host: string; tls: boolean },
  token: string,
  step: StepRunner,
): Promise<void> {
  const sasl = xoauth2(o.mailbox, token);
  // What the client said, without the token (the diagnosis reads the mechanism from it).
  const said = (line: string) => mail.heard.push(`C: ${line}`);
  const last = (lines: string[]) => (lines.at(-1) ?? '').slice(0, 300);
  if (o.protocol === 'imap') {
    const tagged = (tag: string) => (line: string) => line.startsWith(`${tag} `);
    // Exchange takes the initial response on the AUTHENTICATE line (SASL-IR).
    const authed = await step('imap-authenticate', async () => {
      mail.send(`A1 AUTHENTICATE XOAUTH2 ${sasl}`);
      said('A1 AUTHENTICATE XOAUTH2 <token>');
      const reply = await mail.reply((l) => tagged('A1')(l) || l.startsWith('+'));
      if ((reply.at(-1) ?? '').startsWith('+')) {
        // A challenge instead of an answer: the server explains the refusal in it; end the exchange.
        mail.send('');
        reply.push(...(await mail.reply(tagged('A1'))));
      }
      return { ok: /^A1 OK/i.test(last(reply)), detail: last(reply) };
    });
    if (!authed) return;
    await step('imap-select', async () => {
      mail.send('A2 SELECT INBOX');
      const reply = await mail.reply(tagged('A2'));
      mail.send('A3 LOGOUT');
      return { ok: /^A2 OK/i.test(last(reply)), detail: last(reply) };
    });
    return;
  }
  if (o.protocol === 'pop') {
    const authed = await step('pop-authenticate', async () => {
      // Exchange wants the token after the "+", not on the AUTH line.
      mail.send('AUTH XOAUTH2');
      said('AUTH XOAUTH2');
      const go = await mail.reply((l) => /^[+-]/.test(l));
      if (!last(go).startsWith('+ ') && last(go) !== '+') return { ok: false, detail: last(go) };
      mail.send(sasl);
      const reply = await mail.reply((l) => /^(?:\+OK|-ERR)/.test(l));
      return { ok: /^\+OK/.test(last(reply)), detail: last(reply) };
    });
    if (!authed) return;
    await step('pop-select', async () => {
      mail.send('STAT');
      const reply = await mail.reply((l) => /^(?:\+OK|-ERR)/.test(l));
      mail.send('QUIT');
      return { ok: /^\+OK/.test(last(reply)), detail: last(reply) };
    });
    return;
  }
  const ehlo = async () => {
    mail.send('EHLO mailhandler-doctor.probe');
    return mail.reply((l) => /^\d{3} /.test(l));
  };
  const offered = await ehlo();
  const tlsOk = await step('smtp-starttls', async () => {
    if (endpoint.tls) return { ok: true, detail: 'already TLS' };
    if (!offered.some((l) => /STARTTLS/i.test(l))) {
      if (isLoopbackHost(endpoint.host)) return { ok: true, detail: 'skipped: a loopback server without STARTTLS' };
      return { ok: false, detail: 'the server does not offer STARTTLS, so the token would go unencrypted' };
    }
    mail.send('STARTTLS');
    const reply = await mail.reply((l) => /^\d{3} /.test(l));
    if (!/^220/.test(last(reply))) return { ok: false, detail: last(reply) };
    await mail.upgrade(endpoint.host);
    await ehlo();
    return { ok: true, detail: 'TLS after STARTTLS' };
  });
  if (!tlsOk) return;
  await step('smtp-authenticate', async () => {
    mail.send(`AUTH XOAUTH2 ${sasl}`);
    said('AUTH XOAUTH2 <token>');
    const reply = await mail.reply((l) => /^\d{3} /.test(l));
    mail.send('QUIT');
    return { ok: /^235/.test(last(reply)), detail: last(reply) };
  });
}
