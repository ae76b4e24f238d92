import { CLOUDS } from '../core/clouds.js';
import type { Cloud } from '../core/types.js';
import { requestToken } from './run.js';

// `probe --expiry`: when the app registration's client secrets and certificates end. Mail stops on the day the
// secret Jira uses expires (AADSTS7000222) and Microsoft sends no reminder, so the forecast says it ahead. It needs
// a token that may read the application object (Graph's Application.Read.All application permission).

export interface ExpiryOptions {
  tenant: string;
  clientId: string;
  secret: string;
  cloud?: Cloud;
  loginHost?: string;
  graphHost?: string;
  now?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface Credential {
  kind: 'client secret' | 'certificate';
  name: string;
  id: string;
  endsAt: string;
  daysLeft: number;
}

export type Expiry = { ok: true; app: string; credentials: Credential[] } | { ok: false; detail: string };

/** Days from which the forecast warns: as `watch` would remind, 30, 7 and 1 days ahead. */
export const WARN_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

interface GraphCredential {
  displayName?: string | null;
  keyId?: string;
  endDateTime?: string;
}

export async function forecastExpiry(o: ExpiryOptions): Promise<Expiry> {
  const fetcher = o.fetch ?? fetch;
  const cloud = CLOUDS[o.cloud ?? 'worldwide'];
  const login = o.loginHost ?? `https://${cloud.loginHost}`;
  const graph = o.graphHost ?? `https://${cloud.graphHost}`;
  const call = (url: string, init: RequestInit = {}) =>
    fetcher(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
  const token = await requestToken(call, `${login}/${encodeURIComponent(o.tenant)}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: o.clientId,
    client_secret: o.secret,
    scope: `https://${cloud.graphHost}/.default`,
  });
  if (!token.token) {
    return {
      ok: false,
      detail: `the token request failed (HTTP ${token.status}${token.code ? `, ${token.code}` : ''})`,
    };
  }
  const url = `${graph}/v1.0/applications(appId='${encodeURIComponent(o.clientId)}')?$select=displayName,passwordCredentials,keyCredentials`;
  const res = await call(url, { headers: { authorization: `Bearer ${token.token}` } });
  const body = (await res.json().catch(() => ({}))) as {
    displayName?: string;
    passwordCredentials?: GraphCredential[];
    keyCredentials?: GraphCredential[];
    error?: { code?: string };
  };
  if (!res.ok) {
    const why = res.status === 403 ? ': the app needs the Application.Read.All application permission' : '';
    return { ok: false, detail: `Graph answered HTTP ${res.status} ${body.error?.code ?? ''}${why}`.trim() };
  }
  const now = o.now ?? Date.now();
  const read = (kind: Credential['kind'], list: GraphCredential[] = []) =>
    list
      .filter((c) => c.endDateTime && !Number.isNaN(Date.parse(c.endDateTime)))
      .map((c) => ({
        kind,
        name: c.displayName?.trim() || '(no description)',
        id: c.keyId ?? '',
        endsAt: c.endDateTime ?? '',
        daysLeft: Math.floor((Date.parse(c.endDateTime ?? '') - now) / DAY),
      }));
  const credentials = [...read('client secret', body.passwordCredentials), ...read('certificate', body.keyCredentials)];
  credentials.sort((a, b) => a.daysLeft - b.daysLeft);
  return { ok: true, app: body.displayName ?? o.clientId, credentials };
}

/** One line per credential, soonest first. */
export function describeExpiry(e: Expiry & { ok: true }): string {
  if (e.credentials.length === 0) return `${e.app} has no client secret or certificate.\n`;
  const lines = e.credentials.map((c) => {
    const when =
      c.daysLeft < 0
        ? `expired ${-c.daysLeft} day(s) ago`
        : c.daysLeft === 0
          ? 'expires today'
          : `in ${c.daysLeft} day(s)`;
    const flag = c.daysLeft <= WARN_DAYS ? "  ← renew it and update Jira's application link before then" : '';
    return `  ${c.kind} "${c.name}" (${c.id}) ends ${c.endsAt.slice(0, 10)}: ${when}${flag}`;
  });
  return `${e.app}:\n${lines.join('\n')}\n`;
}
