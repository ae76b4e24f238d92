import { AUDIENCES, cloudOfIssuer } from './clouds.js';
import type { TokenFacts } from './types.js';

// Claims are decoded locally to read the audience and cloud; the token is never verified, stored or sent anywhere.

export type DecodedToken =
  | { ok: true; kind: 'access-token' | 'id-token'; claims: Omit<TokenFacts, 'line'> }
  | { ok: false; reason: string };

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const json: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function decodeJwt(token: string, now: number = Date.now()): DecodedToken {
  // A JWT is header.payload.signature; a signature may be left off when pasted, but more parts are something else.
  const parts = token.split('.', 4);
  if (parts.length < 2) return { ok: false, reason: 'it has no dots, so it is not a JSON Web Token' };
  if (parts.length > 3) return { ok: false, reason: 'it has more than three dot-separated parts' };
  if (!parts[0] || !parts[1]) return { ok: false, reason: 'its header or payload is empty' };
  const header = decodePart(parts[0] ?? '');
  const payload = decodePart(parts[1] ?? '');
  if (!header || !payload) return { ok: false, reason: 'its header or payload is not valid base64url JSON' };
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : undefined);
  const claims = describeClaims(
    {
      aud: text(payload.aud),
      iss: text(payload.iss),
      scp: text(payload.scp),
      roles: text(payload.roles),
      idtyp: text(payload.idtyp),
      tid: text(payload.tid),
      exp: typeof payload.exp === 'number' ? payload.exp : undefined,
    },
    now,
  );
  const isIdToken =
    claims.resource === 'other' &&
    !claims.scp &&
    !payload.roles &&
    ('nonce' in payload || 'preferred_username' in payload);
  return { ok: true, kind: isIdToken ? 'id-token' : 'access-token', claims };
}

/** The tenant id in an issuer URL such as https://login.microsoftonline.com/<tenant-id>/v2.0. */
export const tenantOfIssuer = (iss: string | undefined): string | undefined =>
  /^https:\/\/[^/]+\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i
    .exec(iss ?? '')?.[1]
    ?.toLowerCase();

/** What a token's claims mean for the mail handler: which API it is for, and which cloud issued it. */
export function describeClaims(
  raw: {
    aud?: string;
    iss?: string;
    scp?: string;
    roles?: string;
    idtyp?: string;
    appOnly?: boolean;
    tid?: string;
    exp?: number;
  },
  now: number = Date.now(),
): Omit<TokenFacts, 'line'> {
  const aud = raw.aud?.replace(/\/$/, '');
  const known = aud ? AUDIENCES[aud] : undefined;
  const resource: TokenFacts['resource'] = known?.resource ?? 'other';
  const cloud = known?.cloud;
  const tid = raw.tid ?? tenantOfIssuer(raw.iss);
  // An app-only token carries application permissions in `roles` and no `scp`; v2 tokens also say `idtyp: app`.
  const appOnly = raw.appOnly || raw.idtyp === 'app' || (raw.roles !== undefined && raw.scp === undefined) || undefined;
  return {
    aud,
    scp: raw.scp,
    ...(raw.roles !== undefined ? { roles: raw.roles } : {}),
    ...(appOnly ? { appOnly } : {}),
    iss: raw.iss,
    tid,
    exp: raw.exp,
    expired: raw.exp === undefined ? undefined : raw.exp * 1000 < now,
    resource,
    cloud: cloud ?? cloudOfIssuer(raw.iss),
  };
}
