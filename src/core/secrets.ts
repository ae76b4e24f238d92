import { type DecodedToken, decodeJwt, describeClaims } from './jwt.js';
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

// A token's audience and issuer are not secret and decide the diagnosis, so its marker keeps them. A paste that was
// redacted once (kept by a chat app to answer a question) then reads the same the second time: the marker counts as
// the secret it replaced, and its claims as the token's.
const CLAIM_VALUE = /^[A-Za-z0-9:/._-]{1,200}$/;
function tokenMarker(kind: SecretKind, claims: { aud?: string; iss?: string }): string {
  const keep = (name: string, v: string | undefined) => (v && CLAIM_VALUE.test(v) ? ` ${name}=${v}` : '');
  return `[redacted ${LABELS[kind]}${keep('aud', claims.aud)}${keep('iss', claims.iss)}]`;
}
const LABEL_KINDS = new Map(Object.entries(LABELS).map(([kind, label]) => [label, kind as SecretKind]));
const READ_MARKER =
  /\[redacted (access token|ID token|token|refresh token|authorization code|client secret|bearer credential|password|Slack token)( shaped like a GUID)?(?: aud=([A-Za-z0-9:/._-]{1,200}))?(?: iss=([A-Za-z0-9:/._-]{1,200}))?\]/g;

/** Markers left by an earlier redaction: each still counts as the secret it replaced. */
function readMarkers(line: string, sink: SecretSink): void {
  for (const m of line.matchAll(READ_MARKER)) {
    const kind = LABEL_KINDS.get(m[1] ?? '');
    if (!kind) continue;
    sink.secret(kind, m[2] ? 'guid' : undefined);
    if (m[3]) sink.token(describeClaims({ aud: m[3], iss: m[4] }));
  }
}
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

/** Any marker this module writes, claims included, so a redacted value is never taken for a new secret. */
const MARKER = String.raw`\[redacted [A-Za-z -]{2,40}(?: aud=[A-Za-z0-9:/._-]{1,200})?(?: iss=[A-Za-z0-9:/._-]{1,200})?\]`;
// An unquoted value runs to whitespace; `&` ends it only before another form field, `</` only as a closing tag.
const UNQUOTED = String.raw`(?:[^\s"&<]|&(?![A-Za-z_][\w.-]{0,40}=)|<(?!/)){1,4000}`;
const QUOTED = String.raw`"((?:[^"\\\n]|\\.){1,4000})"|'((?:[^'\\\n]|\\.){1,4000})'`;
// Not `\b`: `AZURE_CLIENT_SECRET=` and `MS_SECRET=` glue the name to a word with `_`, which `\b` does not split.
const FIELD_NAMES = [
  'client[_ .-]?secret(?:[_ -]?value)?',
  'secret(?:[_ -]?value)?',
  'refresh[_ ]?token',
  'access[_ ]?token',
  'id[_ ]?token',
  'token',
  'password|passwd|pass|pwd',
  'credentials?',
  'api[_ .-]?key',
].join('|');
const FIELD = new RegExp(
  `(?<![A-Za-z0-9])(${FIELD_NAMES})` +
    String.raw`(["']?\s{0,3}[:=\uFF1A]\s{0,3})(?:${QUOTED}|(${MARKER})|(["']?)(${UNQUOTED}))`,
  'gi',
);
/** A key or flag name that ends in a secret word: `ClientSecret`, `SmtpPassword`, `client-secret`, not `TokenEndpoint`. */
const SECRET_NAME = /(?:secret|passw(?:or)?d|pwd|pass|token|credentials?|api[_ .-]?key)(?:[_ .-]?value)?$/i;
/** `<add key="ClientSecret" value="…"/>`, `<setting name="Password" value='…'>`. */
const KEY_VALUE_ATTR = new RegExp(
  String.raw`(\b(?:key|name)\s{0,3}=\s{0,3}(["'])([\w .:-]{1,100})\2\s{1,5}value\s{0,3}=\s{0,3})(?:${QUOTED})`,
  'gi',
);
/** `{"name":"client_secret","value":"…"}`. */
const KEY_VALUE_JSON =
  /("(?:name|key)"\s{0,3}:\s{0,3}"([\w .:-]{1,100})"\s{0,3},\s{0,3}"value"\s{0,3}:\s{0,3}")((?:[^"\\\n]|\\.){1,4000})(?=")/gi;
/** `<entry key="password">…</entry>`: the name is in an attribute, the value is the element's text. */
const KEYED_ELEMENT = /(<(entry|property|setting|param)(\s[^<>]{1,300})>)([^<]{1,4000})(?=<\/\2>)/gi;
const NAME_ATTR = /\b(?:key|name)\s{0,3}=\s{0,3}["']?([\w .:-]{1,100})/i;
/** `--client-secret value`; `--password=value` is a FIELD. A value starting with `-` is the next flag. */
const CLI_FLAG = new RegExp(
  String.raw`(?<![\w-])(--([A-Za-z][\w-]{0,60})\s{1,3})(?:${QUOTED}|([^\s"'-]\S{0,4000}))`,
  'g',
);
const XML_FIELD =
  /(<(password|passwd|pwd|client_?secret|secret|refresh_?token|access_?token|token|credentials?|api_?key)(?:\s[^<>]{0,200})?>)(<!\[CDATA\[[^\]]{1,4000}\]\]>|[^<]{1,4000})(?=<\/\2>)/gi;
// The user may be an email address (`svc@contoso.com:pw@host`), so it may hold `@`; the password runs to the last `@`.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,15}:\/\/[^\s/?#:"'<>]{1,256}:)([^\s/?#"'<>]{1,1024})(?=@[^\s@/]{1,256})/gi;
const AUTH_CODE = /((?:^|[?&#])code=)([^\s"'&#]{10,4000})/g;
const JSON_CODE = /("code"\s{0,3}:\s{0,3}")([^"\s]{20,4000})(?=")/g;
const BEARER = /\b(Bearer\s{1,5})([A-Za-z0-9._~+/=-]{8,8000})/gi;
const AUTH_PREFIX = String.raw`\bAuthorization["']?\s{0,3}[:=]\s{0,3}["']?`;
const NEGOTIATE = new RegExp(String.raw`(${AUTH_PREFIX}(?:NTLM|Negotiate)\s{1,5})([A-Za-z0-9+/]{8,8000}={0,2})`, 'gi');
/** Digest's `response=` hash stands in for the password; the whole comma-separated parameter list goes. */
const DIGEST = new RegExp(
  String.raw`(${AUTH_PREFIX}Digest\s{1,5})([A-Za-z-]{1,30}=(?:"[^"\n]{0,1000}"|[^\s",]{1,1000})(?:,\s{0,3}[A-Za-z-]{1,30}=(?:"[^"\n]{0,1000}"|[^\s",]{1,1000})){0,30})`,
  'gi',
);
const BASIC = /\b(Authorization["']?\s{0,3}[:=]\s{0,3}["']?Basic\s{1,5})([A-Za-z0-9+/=]{8,4000})/gi;
// A base64 answer ends at whitespace; one longer than the limit is taken to the limit, and dropTails takes the rest.
const B64_ANSWER = String.raw`[A-Za-z0-9+/]{4,7999}={0,2}(?!\S)|[A-Za-z0-9+/]{8000}`;
/** IMAP `AUTHENTICATE` and SMTP `AUTH` with an initial response. */
const SASL = new RegExp(
  String.raw`\b(AUTH(?:ENTICATE)?\s{1,5}(XOAUTH2|OAUTHBEARER|PLAIN|LOGIN)\s{1,5})(${B64_ANSWER})`,
  'gi',
);
/** Mechanism lists such as `250-AUTH LOGIN PLAIN XOAUTH2` name mechanisms, not credentials. */
const MECHANISM = /^(?:PLAIN|LOGIN|XOAUTH2?|OAUTHBEARER|NTLM|GSSAPI|ANONYMOUS|EXTERNAL)$/i;
/** SMTP AUTH LOGIN's `334 UGFzc3dvcmQ6` ("Password:") prompt with the client's answer pasted after it. */
const SMTP_PASSWORD_PROMPT = new RegExp(String.raw`\b(334\s{1,5}UGFzc3dvcmQ6\s{1,5})(${B64_ANSWER})`, 'g');
/** POP3 `PASS secret`, maybe after `C: `; upper case only, so prose saying "pass" is left alone. */
const POP3_PASS = /(?<![^\s:>])(PASS\s{1,5})(\S{1,4000})/g;
/** IMAP `A1 LOGIN user password`: the tag has a digit, so `A1 OK LOGIN completed.` is not taken for one. */
const IMAP_LOGIN =
  /(?<![^\s:>])([A-Za-z]{0,8}\d{1,8}\s{1,5}LOGIN\s{1,5}(?:"(?:[^"\\\n]|\\.){0,256}"|[^\s"]{1,256})\s{1,5})("(?:[^"\\\n]|\\.){1,4000}"|[^\s"]{1,4000})/g;
/** An XOAUTH2 initial response (base64 of `user=`) sent on its own line after the server's `+`. */
const XOAUTH2_BLOB = /(?<![A-Za-z0-9+/])dXNlcj1[A-Za-z0-9+/]{16,8000}={0,2}/g;
/** Token characters glued to a redaction: what was left when a secret ran past a pattern's length limit. */
const TAIL = new RegExp(`(${MARKER})([A-Za-z0-9_.~+/=!*$%-]{1,24000})`, 'g');

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
  'pass',
  'credential',
  'apikey',
  'api key',
  'api_key',
  'api-key',
  'api.key',
  'auth ',
  ' login ',
  'UGFzc3dvcmQ6',
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
/** Bare `token`, `secret`, `pass` and `credentials` also start prose: "Error refreshing token: java.net.…Exception:". */
const GENERIC_NAME = /^(?:token|secret|pass|credentials?)$/i;
/** After such a name and a colon, words, class names, error labels, status numbers and AADSTS codes are not secrets. */
const PROSE_VALUE = /^(?:[A-Za-z_$.-]{1,200}|\d{1,5}|AADSTS\d{1,10}.{0,200}|.{0,200}:)[,;.)]{0,3}$/;
const isProse = (name: string, sep: string, value: string) =>
  GENERIC_NAME.test(name) && !sep.includes('=') && PROSE_VALUE.test(value);
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
    return tokenMarker(decoded.kind, decoded.claims) + dots;
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
  if (line.includes('[redacted ')) readMarkers(line, sink);
  let out = line;
  const found = (kind: SecretKind) => {
    sink.secret(kind);
    return redacted(kind);
  };
  // Base64 first: a JWT-looking run inside it must not break it into pieces that the later patterns miss.
  out = out.replace(BASIC, (_whole, prefix: string) => `${prefix}${found('password')}`);
  out = out.replace(NEGOTIATE, (_whole, prefix: string) => `${prefix}${found('authorization-header')}`);
  out = out.replace(DIGEST, (_whole, prefix: string) => `${prefix}${found('password')}`);
  out = out.replace(SASL, (whole, prefix: string, mechanism: string, value: string) => {
    if (/^[A-Za-z][a-z]{0,40}$/.test(value) || MECHANISM.test(value)) return whole;
    const kind = /^(?:PLAIN|LOGIN)$/i.test(mechanism) ? 'password' : 'authorization-header';
    return `${prefix}${found(kind)}`;
  });
  if (out.includes('334'))
    out = out.replace(SMTP_PASSWORD_PROMPT, (_whole, prefix: string) => `${prefix}${found('password')}`);
  if (out.includes('PASS')) {
    out = out.replace(POP3_PASS, (whole, prefix: string, value: string) =>
      isPlaceholder(value) ? whole : `${prefix}${found('password')}`,
    );
  }
  if (out.includes('LOGIN')) {
    out = out.replace(IMAP_LOGIN, (whole, prefix: string, value: string) =>
      isPlaceholder(value) ? whole : `${prefix}${found('password')}`,
    );
  }
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
  out = out.replace(KEYED_ELEMENT, (whole, open: string, _tag: string, attrs: string, value: string) => {
    const name = NAME_ATTR.exec(attrs)?.[1];
    if (!name || !SECRET_NAME.test(name) || isPlaceholder(value)) return whole;
    return `${open}${found(kindOfField(name))}`;
  });
  out = out.replace(KEY_VALUE_ATTR, (whole, prefix: string, _q: string, name: string, dq?: string, sq?: string) => {
    const value = dq ?? sq ?? '';
    if (!SECRET_NAME.test(name) || isPlaceholder(value)) return whole;
    const marker = found(kindOfField(name));
    return dq !== undefined ? `${prefix}"${marker}"` : `${prefix}'${marker}'`;
  });
  if (out.includes('"value"')) {
    out = out.replace(KEY_VALUE_JSON, (whole, prefix: string, name: string, value: string) =>
      !SECRET_NAME.test(name) || isPlaceholder(value) ? whole : `${prefix}${found(kindOfField(name))}`,
    );
  }
  if (out.includes('--')) {
    out = out.replace(CLI_FLAG, (whole, prefix: string, name: string, dq?: string, sq?: string, bare?: string) => {
      const value = dq ?? sq ?? bare ?? '';
      if (!SECRET_NAME.test(name) || isPlaceholder(value)) return whole;
      const marker = found(kindOfField(name));
      return dq !== undefined
        ? `${prefix}"${marker}"`
        : sq !== undefined
          ? `${prefix}'${marker}'`
          : `${prefix}${marker}`;
    });
  }
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
      if (marker !== undefined || isPlaceholder(value) || isProse(name, sep, value)) return whole;
      const kind = kindOfField(name);
      const guid = kind === 'client-secret' && GUID.test(value);
      sink.secret(kind, guid ? 'guid' : undefined);
      // The GUID shape is kept in the marker: it is what tells a Secret ID from a secret value.
      const replacement = guid ? `[redacted ${LABELS[kind]} shaped like a GUID]` : redacted(kind);
      if (dq !== undefined) return `${name}${sep}"${replacement}"`;
      if (sq !== undefined) return `${name}${sep}'${replacement}'`;
      return `${name}${sep}${quote ?? ''}${replacement}`;
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
