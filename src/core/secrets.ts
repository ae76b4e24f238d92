import { decodeJwt } from './jwt.js';
import type { SecretKind, TokenFacts } from './types.js';

// Secrets are replaced before facts or evidence are taken, so nothing downstream can repeat them.

export interface SecretSink {
  secret(kind: SecretKind, shape?: 'guid'): void;
  token(claims: Omit<TokenFacts, 'line'>): void;
  malformedToken(reason: string): void;
}

const LABELS: Record<SecretKind, string> = {
  'access-token': 'access token',
  'id-token': 'ID token',
  'malformed-token': 'token',
  'refresh-token': 'refresh token',
  'authorization-code': 'authorization code',
  'client-secret': 'client secret',
  'authorization-header': 'bearer credential',
  password: 'password',
  'slack-token': 'Slack token',
};

export const redacted = (kind: SecretKind) => `[redacted ${LABELS[kind]}]`;
export const secretLabel = (kind: SecretKind) => LABELS[kind];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELD_KINDS: [RegExp, SecretKind][] = [
  [/secret/i, 'client-secret'],
  [/refresh/i, 'refresh-token'],
  [/^id/i, 'id-token'],
  [/token/i, 'access-token'],
  [/./, 'password'],
];

const JWT = /\beyJ[A-Za-z0-9_-]{8,6000}\.eyJ[A-Za-z0-9_-]{8,12000}\.[A-Za-z0-9_-]{0,6000}/g;
const TOKEN_FRAGMENT = /\beyJ[A-Za-z0-9_.-]{12,12000}/g;
const SLACK_TOKEN = /\b(?:xox[abposre]-[A-Za-z0-9-]{8,250}|xapp-\d-[A-Za-z0-9-]{8,250})/g;
const ENTRA_SECRET_VALUE = /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g;
const MS_OPAQUE_TOKEN = /(?<![A-Za-z0-9_.-])[01]\.A[A-Za-z0-9_.-]{100,12000}/g;
const FIELD =
  /\b(client[_ -]?secret(?:[_ -]?value)?|refresh[_ ]?token|access[_ ]?token|id[_ ]?token|password|passwd|pwd)(["']?\s{0,3}[:=]\s{0,3}["']?)([^\s"'&,;<>]{1,4000})/gi;
const AUTH_CODE = /([?&#]code=)([^\s"'&#]{10,4000})/g;
const BEARER = /\b(Bearer\s{1,5})([A-Za-z0-9._~+/=-]{8,8000})/g;
const BASIC = /\b(Authorization["']?\s{0,3}[:=]\s{0,3}["']?Basic\s{1,5})([A-Za-z0-9+/=]{8,4000})/gi;

/** Literal fragments that every detector needs; lines without any of them skip the detectors. */
export const SECRET_HINTS = [
  'eyJ',
  'xox',
  'xapp-',
  'Q~',
  'secret',
  'token',
  'password',
  'passwd',
  'pwd',
  'code=',
  'bearer',
  'authorization',
  '0.A',
  '1.A',
];

/** A placeholder such as `<non-null>`, `****` or an earlier redaction is not a secret. */
const isPlaceholder = (value: string) => /^(?:[<[]|\*+$|null$|none$|true$|false$)/i.test(value);

export function redactSecrets(line: string, sink: SecretSink, now?: number): string {
  let out = line;
  if (out.includes('eyJ')) {
    out = out.replace(JWT, (token) => {
      const decoded = decodeJwt(token, now);
      if (decoded.ok) {
        sink.secret(decoded.kind);
        sink.token(decoded.claims);
        return redacted(decoded.kind);
      }
      sink.secret('malformed-token');
      sink.malformedToken(decoded.reason);
      return redacted('malformed-token');
    });
    out = out.replace(TOKEN_FRAGMENT, () => {
      sink.secret('malformed-token');
      sink.malformedToken('it is not three dot-separated parts (perhaps cut off when pasted)');
      return redacted('malformed-token');
    });
  }
  out = out.replace(SLACK_TOKEN, () => {
    sink.secret('slack-token');
    return redacted('slack-token');
  });
  if (out.includes('Q~')) {
    out = out.replace(ENTRA_SECRET_VALUE, () => {
      sink.secret('client-secret');
      return redacted('client-secret');
    });
  }
  out = out.replace(FIELD, (whole, name: string, sep: string, value: string) => {
    if (isPlaceholder(value)) return whole;
    const kind = FIELD_KINDS.find(([re]) => re.test(name))?.[1] ?? 'password';
    sink.secret(kind, kind === 'client-secret' && GUID.test(value) ? 'guid' : undefined);
    return `${name}${sep}${redacted(kind)}`;
  });
  out = out.replace(AUTH_CODE, (whole, prefix: string, value: string) => {
    if (isPlaceholder(value)) return whole;
    sink.secret('authorization-code');
    return `${prefix}${redacted('authorization-code')}`;
  });
  out = out.replace(BEARER, (_whole, prefix: string) => {
    sink.secret('authorization-header');
    return `${prefix}${redacted('authorization-header')}`;
  });
  out = out.replace(BASIC, (_whole, prefix: string) => {
    sink.secret('password');
    return `${prefix}${redacted('password')}`;
  });
  out = out.replace(MS_OPAQUE_TOKEN, () => {
    sink.secret('refresh-token');
    return redacted('refresh-token');
  });
  return out;
}
