import { type DecodedToken, decodeJwt } from './jwt.js';
import type { SecretKind, TokenFacts } from './types.js';

// Secrets are replaced before facts or evidence are taken, so nothing downstream can repeat them.
// Every pattern here runs in linear time: quantifiers are bounded and no two branches under a quantifier can match
// the same character, so a hostile paste cannot make a pattern backtrack.

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
const kindOfField = (name: string): SecretKind => FIELD_KINDS.find(([re]) => re.test(name))?.[1] ?? 'password';

/** One scan for anything starting like a JWT; the callback tells a whole token from a fragment. */
const JWT_LIKE = /\beyJ[A-Za-z0-9_.-]{12,24000}/g;
const SLACK_TOKEN = /\b(?:xox[abposre]-[A-Za-z0-9-]{8,250}|xapp-\d-[A-Za-z0-9-]{8,250})/g;
const ENTRA_SECRET_VALUE = /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g;
const MS_OPAQUE_TOKEN = /(?<![A-Za-z0-9_.-])[01]\.A[A-Za-z0-9_.-]{100,12000}/g;
/** Microsoft personal-account (MSA) refresh tokens, e.g. `M.C507_BAY.0.U.-Cg…` or `M.R3_BAY.Cbc…`. */
const MSA_TOKEN = /(?<![A-Za-z0-9_.-])M\.[CR]\d{1,3}_[A-Z0-9]{2,6}\.[A-Za-z0-9!*$._-]{20,8000}/g;

const MARKER = String.raw`\[redacted [A-Za-z -]{2,30}\]`;
// An unquoted value runs to whitespace; `&` ends it only before another form field, `</` only as a closing tag.
const UNQUOTED = String.raw`(?:[^\s"&<]|&(?![A-Za-z_][\w.-]{0,40}=)|<(?!/)){1,4000}`;
const FIELD = new RegExp(
  String.raw`\b(client[_ .-]?secret(?:[_ -]?value)?|refresh[_ ]?token|access[_ ]?token|id[_ ]?token|password|passwd|pwd)` +
    String.raw`(["']?\s{0,3}[:=]\s{0,3})(?:"((?:[^"\\\n]|\\.){1,4000})"|'((?:[^'\\\n]|\\.){1,4000})'|(${MARKER})|(["']?)(${UNQUOTED}))`,
  'gi',
);
const XML_FIELD =
  /(<(password|passwd|pwd|client_?secret|secret|refresh_?token|access_?token)(?:\s[^<>]{0,200})?>)(<!\[CDATA\[[^\]]{1,4000}\]\]>|[^<]{1,4000})(?=<\/\2>)/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,15}:\/\/[^\s/?#@:"'<>]{1,256}:)([^\s/?#"'<>]{1,1024})(?=@[^\s@/]{1,256})/gi;
const AUTH_CODE = /((?:^|[?&#])code=)([^\s"'&#]{10,4000})/g;
const JSON_CODE = /("code"\s{0,3}:\s{0,3}")([^"\s]{20,4000})(?=")/g;
const BEARER = /\b(Bearer\s{1,5})([A-Za-z0-9._~+/=-]{8,8000})/g;
const BASIC = /\b(Authorization["']?\s{0,3}[:=]\s{0,3}["']?Basic\s{1,5})([A-Za-z0-9+/=]{8,4000})/gi;
const SASL = /\b(AUTHENTICATE\s{1,5}(XOAUTH2|OAUTHBEARER|PLAIN)\s{1,5})([A-Za-z0-9+/]{12,8000}={0,2})(?!\S)/gi;
/** An XOAUTH2 initial response (base64 of `user=`) sent on its own line after the server's `+`. */
const XOAUTH2_BLOB = /(?<![A-Za-z0-9+/])dXNlcj1[A-Za-z0-9+/]{16,8000}={0,2}/g;
/** Token characters glued to a redaction: what was left when a secret ran past a pattern's length limit. */
const TAIL = /(\[redacted [A-Za-z -]{2,30}\])([A-Za-z0-9_.~+/=!*$%-]{1,24000})/g;

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
  '"code"',
  'bearer',
  'authorization',
  'authenticate',
  'dXNlcj1',
  '0.A',
  '1.A',
  'M.C',
  'M.R',
  '://',
];

/** Placeholders such as `<non-null>`, `****`, `null` or an earlier redaction are not secrets. */
const PLACEHOLDER = new RegExp(
  String.raw`^(?:${MARKER}|<[A-Za-z _-]{0,20}>|\*{1,4000}|null|none|true|false|empty)[,;.)}\]]{0,3}$`,
  'i',
);
const isPlaceholder = (value: string) => PLACEHOLDER.test(value);
/** `InvalidAuthenticationToken`, `Authorization_RequestDenied`: error codes, not authorization codes. */
const isErrorCode = (value: string) => value.length < 60 && /^[A-Za-z_]{1,60}$/.test(value);

/** The token without dots that end a sentence; a loop, since /\.+$/ is quadratic on long runs of dots. */
function trimDots(token: string): string {
  let end = token.length;
  while (end > 0 && token.charCodeAt(end - 1) === 46) end--;
  return token.slice(0, end);
}

/** Tokens decoded per line; a failed JSON.parse is slow, so a line packed with fake tokens must not decode them all. */
const MAX_DECODES = 20;

function redactJwtLike(match: string, sink: SecretSink, decode: boolean, now?: number): string {
  const token = trimDots(match);
  const parts = token.split('.', 3);
  const decoded: DecodedToken =
    parts.length < 2 || !parts[1]?.startsWith('eyJ')
      ? { ok: false, reason: 'it is not three dot-separated parts (perhaps cut off when pasted)' }
      : decode
        ? decodeJwt(token, now)
        : { ok: false, reason: 'the line holds too many tokens to read them all' };
  const dots = match.slice(token.length);
  if (decoded.ok) {
    sink.secret(decoded.kind);
    sink.token(decoded.claims);
    return redacted(decoded.kind) + dots;
  }
  sink.secret('malformed-token');
  sink.malformedToken(decoded.reason);
  return redacted('malformed-token') + dots;
}

/** Drops what a too-long secret left behind; each pass takes up to 24,000 characters, so a few passes suffice. */
function dropTails(text: string): string {
  let out = text;
  for (let i = 0; i < 100 && out.includes('[redacted '); i++) {
    const next = out.replace(
      TAIL,
      (_whole, marker: string, tail: string) => marker + tail.slice(trimDots(tail).length),
    );
    if (next === out) break;
    out = next;
  }
  return out;
}

export function redactSecrets(line: string, sink: SecretSink, now?: number): string {
  let out = line;
  const found = (kind: SecretKind) => {
    sink.secret(kind);
    return redacted(kind);
  };
  // Base64 first: a JWT-looking run inside it must not break it into pieces that the later patterns miss.
  out = out.replace(BASIC, (_whole, prefix: string) => `${prefix}${found('password')}`);
  out = out.replace(SASL, (whole, prefix: string, mechanism: string, value: string) => {
    if (/^[A-Za-z][a-z]{0,40}$/.test(value)) return whole;
    return `${prefix}${found(mechanism.toUpperCase() === 'PLAIN' ? 'password' : 'authorization-header')}`;
  });
  if (out.includes('dXNlcj1')) out = out.replace(XOAUTH2_BLOB, () => found('authorization-header'));
  let decodes = 0;
  if (out.includes('eyJ'))
    out = out.replace(JWT_LIKE, (token) => redactJwtLike(token, sink, decodes++ < MAX_DECODES, now));
  out = out.replace(SLACK_TOKEN, () => found('slack-token'));
  if (out.includes('Q~')) out = out.replace(ENTRA_SECRET_VALUE, () => found('client-secret'));
  out = out.replace(XML_FIELD, (whole, open: string, name: string, value: string) => {
    if (isPlaceholder(value)) return whole;
    return `${open}${found(kindOfField(name))}`;
  });
  out = out.replace(
    FIELD,
    (
      whole,
      name: string,
      sep: string,
      dq: string | undefined,
      sq: string | undefined,
      marker: string | undefined,
      quote: string | undefined,
      bare: string | undefined,
    ) => {
      const value = dq ?? sq ?? bare ?? '';
      if (marker !== undefined || isPlaceholder(value)) return whole;
      const kind = kindOfField(name);
      sink.secret(kind, kind === 'client-secret' && GUID.test(value) ? 'guid' : undefined);
      if (dq !== undefined) return `${name}${sep}"${redacted(kind)}"`;
      if (sq !== undefined) return `${name}${sep}'${redacted(kind)}'`;
      return `${name}${sep}${quote ?? ''}${redacted(kind)}`;
    },
  );
  if (out.includes('://')) {
    out = out.replace(URL_USERINFO, (whole, prefix: string, value: string) =>
      isPlaceholder(value) ? whole : `${prefix}${found('password')}`,
    );
  }
  out = out.replace(AUTH_CODE, (whole, prefix: string, value: string) =>
    isPlaceholder(value) || isErrorCode(value) ? whole : `${prefix}${found('authorization-code')}`,
  );
  if (out.includes('"code"')) {
    out = out.replace(JSON_CODE, (whole, prefix: string, value: string) =>
      isPlaceholder(value) || isErrorCode(value) ? whole : `${prefix}${found('authorization-code')}`,
    );
  }
  out = out.replace(BEARER, (whole, prefix: string, value: string) =>
    /^[A-Za-z_-]{1,40}=?$/.test(value) ? whole : `${prefix}${found('authorization-header')}`,
  );
  out = out.replace(MS_OPAQUE_TOKEN, () => found('refresh-token'));
  out = out.replace(MSA_TOKEN, () => found('refresh-token'));
  return out.includes('[redacted ') ? dropTails(out) : out;
}
