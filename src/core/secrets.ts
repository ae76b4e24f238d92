import { EVERY_PATTERN, type HintGate, hint, hintIds } from './hints.js';
import { type DecodedToken, decodeJwt, describeClaims } from './jwt.js';
import { redactProse } from './prose-secrets.js';
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
  'api-key': 'API key',
  'private-key': 'private key',
};

export const redacted = (kind: SecretKind) => `[redacted ${LABELS[kind]}]`;

// A token's audience and issuer are not secret and decide the diagnosis, so its marker keeps them. A paste that was
// redacted once (kept by a chat app to answer a question) then reads the same the second time: the marker counts as
// the secret it replaced, and its claims as the token's.
const CLAIM_VALUE = /^[A-Za-z0-9:/._-]{1,200}$/;
function tokenMarker(kind: SecretKind, claims: { aud?: string; iss?: string; appOnly?: boolean }): string {
  const keep = (name: string, v: string | undefined) => (v && CLAIM_VALUE.test(v) ? ` ${name}=${v}` : '');
  return `[redacted ${LABELS[kind]}${keep('aud', claims.aud)}${keep('iss', claims.iss)}${claims.appOnly ? ' app-only' : ''}]`;
}
const LABEL_KINDS = new Map(Object.entries(LABELS).map(([kind, label]) => [label, kind as SecretKind]));
const READ_MARKER =
  /\[redacted (access token|ID token|token|refresh token|authorization code|client secret|bearer credential|password|Slack token|API key|private key)( shaped like a GUID)?(?: aud=([A-Za-z0-9:/._-]{1,200}))?(?: iss=([A-Za-z0-9:/._-]{1,200}))?( app-only)?\]/g;

/** Markers left by an earlier redaction: each still counts as the secret it replaced. */
function readMarkers(line: string, sink: SecretSink): void {
  for (const m of line.matchAll(READ_MARKER)) {
    const kind = LABEL_KINDS.get(m[1] ?? '');
    if (!kind) continue;
    sink.secret(kind, m[2] ? 'guid' : undefined);
    if (m[3]) sink.token(describeClaims({ aud: m[3], iss: m[4], appOnly: m[5] !== undefined }));
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
const SLACK_TOKEN =
  /\b(?:xox[abposre]-[A-Za-z0-9-]{8,250}|xoxe\.xox[bp]-\d-[A-Za-z0-9-]{8,250}|xapp-\d-[A-Za-z0-9-]{8,250})/g;
/** Incoming-webhook URLs (Slack, Teams connectors, Discord): the path after the host's prefix is the key. */
const WEBHOOK_URL =
  /(https?:\/\/(?:hooks\.slack\.com\/(?:services|triggers|workflows)\/|[\w-]{1,63}\.webhook\.office\.com\/webhookb2\/|outlook\.office\.com\/webhook\/|(?:discord|discordapp)\.com\/api\/webhooks\/))([^\s"'<>?#]{8,2000})/gi;
/**
 * Keys other services print with a fixed prefix, pasted beside a mail problem (a CI log, an .env, a clone URL): AWS
 * key ids, GitHub and GitLab tokens, Google API keys, Stripe, SendGrid, npm and Atlassian API tokens.
 */
const VENDOR_KEY =
  /(?<![A-Za-z0-9_])(?:(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255}|glpat-[A-Za-z0-9_-]{20,64}|AIza[0-9A-Za-z_-]{35}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}|SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}|npm_[A-Za-z0-9]{36}|ATATT3[A-Za-z0-9_=-]{20,300})(?![A-Za-z0-9_])/g;
// No end anchor: a value followed by `.`, `...` or `--` in a sentence is still one (the extra characters go with it).
const ENTRA_SECRET_VALUE = /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g;
const MS_OPAQUE_TOKEN = /(?<![A-Za-z0-9_.-])[01]\.A[A-Za-z0-9_.-]{100,12000}/g;
/** Microsoft personal-account (MSA) refresh tokens, e.g. `M.C507_BAY.0.U.-Cg…` or `M.R3_BAY.Cbc…`. */
const MSA_TOKEN = /(?<![A-Za-z0-9_.-])M\.[CR]\d{1,3}_[A-Z0-9]{2,6}\.[A-Za-z0-9!*$._-]{20,8000}/g;
/** Entra v1 refresh tokens, also without a label: `AQABAAAAAAD…`, hundreds of base64url characters. */
const V1_REFRESH_TOKEN = /(?<![A-Za-z0-9_-])AQAB[A-Za-z0-9_-]{100,12000}/g;

/** Any marker this module writes, claims included, so a redacted value is never taken for a new secret. */
const MARKER = String.raw`\[redacted [A-Za-z -]{2,40}(?: aud=[A-Za-z0-9:/._-]{1,200})?(?: iss=[A-Za-z0-9:/._-]{1,200})?(?: app-only)?\]`;
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
  'password|passwd|passphrase|pass|pwd|pw',
  // The same word in the languages admins write in: German, Dutch, French, Spanish, Portuguese, Italian, Polish,
  // Swedish, Finnish, Danish/Norwegian, Czech, Hungarian, Turkish, Russian, Japanese, Chinese, Korean.
  'kennwort|passwort|wachtwoord|mot[ _-]de[ _-]passe|contrase[ñn]a|senha|parola|has[łl]o|l[öo]senord|salasana|adgangskode|passord|heslo|jelsz[óo]|[şs]ifre|пароль|パスワード|密码|密碼|비밀번호',
  'credentials?',
  'api[_ .-]?key',
  // Azure storage and Service Bus keys and shared access signatures.
  'sig',
  'shared[_ .-]?access[_ .-]?(?:key|signature)',
  '(?:account|access|private|primary|secondary|storage)[_ .-]?key',
].join('|');
const FIELD = new RegExp(
  `(?<![A-Za-z0-9])(${FIELD_NAMES})` +
    String.raw`(["']?\s{0,3}(?:=>|[:=\uFF1A])\s{0,3})(?:${QUOTED}|(${MARKER})|(["']?)(${UNQUOTED}))`,
  'gi',
);
/** A key or flag name that ends in a secret word: `ClientSecret`, `SmtpPassword`, `client-secret`, not `TokenEndpoint`. */
const SECRET_NAME =
  /(?:secret|passw(?:or)?d|passphrase|pwd|pass|token|credentials?|(?:api|account|shared[_ .-]?access|access|private|primary|secondary|storage|sas|subscription|functions?|master|host|consumer|signing|encryption|app|client)[_ .-]?key|[_.-]key|[a-z]Key|sig|j?session[_-]?id|remember[_.-]?me(?:[_.-]?cookie)?|kennwort|passwort|wachtwoord|contrase[ñn]a|senha|parola|has[łl]o|l[öo]senord|salasana|adgangskode|heslo|jelsz[óo]|[şs]ifre|пароль)(?:[_ .-]?value)?$/i;
/**
 * Any key whose name ends in a secret word, in camelCase, prefixed, quoted or as a PHP/Ruby hash key:
 * `imapPassword`, `DbPwd`, `'password' =>`, `:password =>`, `AzureAd__ClientSecret`.
 */
const GENERIC_KEY = new RegExp(
  String.raw`(?<![\w$.-])(["':]?)([A-Za-z_$][\w$.-]{0,60})(["']?\s{0,3}(?:=>|[:=])\s{0,3})(?:${QUOTED}|(${MARKER})|(${UNQUOTED}))`,
  'g',
);
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
const URL_USERINFO =
  /\b([a-z][a-z0-9+.-]{1,15}:\/\/[^\s/?#:"'<>]{0,256}:)([^\s"'<>]{1,1024})(?=@[\w.-]{1,253}(?::\d{1,5})?(?:[/?#\s"'<>),;]|$))/gi;
/** `https://<token>@github.com/…`: user info with no password, long and random enough to be a token. */
const URL_TOKEN_USER =
  /\b([a-z][a-z0-9+.-]{1,15}:\/\/)([A-Za-z0-9_-]{20,255})(?=@[\w.-]{1,253}(?::\d{1,5})?(?:[/?#\s"'<>),;]|$))/gi;
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
/** An XOAUTH2 initial response (base64 of `user=`) sent on its own line after the server's `+`. */
const XOAUTH2_BLOB = /(?<![A-Za-z0-9+/])dXNlcj1[A-Za-z0-9+/]{16,8000}={0,2}/g;
/** Token characters glued to a redaction: what was left when a secret ran past a pattern's length limit. */
const TAIL = new RegExp(`(${MARKER})([A-Za-z0-9_.~+/=!*$%-]{1,24000})`, 'g');

/** `curl -u user:pass`, `curl --user 'user:pass'`. */
const CURL_USER = /(?<![\w-])((?:-u|--user)\s{1,3}(["']?)[^\s:"']{1,256}:)([^\s"']{1,1024})(?=\2)/g;
/** `az login -u admin -p secret`, `… login … -p 'secret'`. */
const LOGIN_P_FLAG = new RegExp(
  String.raw`(\blogin\b[^\n]{0,200}?\s-p\s{1,3})(?:${QUOTED}|([^\s"'-]\S{0,4000}))`,
  'gi',
);
/** PowerShell `ConvertTo-SecureString "…"`. */
const SECURE_STRING = new RegExp(String.raw`(ConvertTo-SecureString\s{1,3}(?:-String\s{1,3})?)(?:${QUOTED})`, 'gi');
const LITERAL = String.raw`"(?:[^"\\\n]|\\.){0,1000}"|'(?:[^'\\\n]|\\.){0,1000}'`;
/**
 * A call that takes a credential: its last string argument is the secret. `new NetworkCredential("user", "…")`,
 * `createFromSecret("…")`, `.WithClientSecret("…")`, `store.connect("host", "user", "…")`, `.Authenticate("u", "…")`.
 */
const CREDENTIAL_CALL = new RegExp(
  String.raw`\b((?:NetworkCredential|PSCredential|PasswordAuthentication|UsernamePasswordCredential|ClientSecretCredential|createFromSecret|[Ww]ithClientSecret|setClientSecret|[Ss]etPassword|ClientCredential|connect|Connect|Authenticate(?:Async)?|login|Login)\s{0,3}\()((?:\s{0,3}(?:${LITERAL}|[\w$.]{1,100})\s{0,3},){0,3}\s{0,3})(${LITERAL})(?=\s{0,3}\))`,
  'g',
);
const SINGLE_SECRET_CALL = /^(?:createFromSecret|[Ww]ithClientSecret|setClientSecret|[Ss]etPassword)/;
/** An IMAP `LOGIN` command in any case: `a1 login user pass`. */
const IMAP_LOGIN_ANY_CASE =
  /(?<![^\s:>'"])((?:[A-Za-z]{0,8}\d{1,8}|\.|tag|[ax])\s{1,5}login\s{1,5}(?:"(?:[^"\\\n]|\\.){0,256}"|[^\s"{]{1,256})\s{1,5})("(?:[^"\\\n]|\\.){1,4000}"|[^\s"{']{1,4000})/gi;
/** `a1 LOGIN {14}` (the user as a literal) and `a1 LOGIN user {15}` (the password as one): what comes on later lines. */
const IMAP_LOGIN_LITERAL =
  /\blogin\s{1,5}(?:(?:"(?:[^"\\\n]|\\.){0,256}"|[^\s"{]{1,256})\s{1,5})?\{(\d{1,4})\+?\}\s{0,20}$/i;
/** A literal's size announced at the end of a line: `sd@contoso.com {15}`. */
const LITERAL_AT_END = /\{(\d{1,4})\+?\}\s{0,20}$/;
/** A POP3 `pass …` line on its own, in any case, after an optional protocol prefix: the rest of the line is the password. */
const POP3_PASS_LINE = /^(\s{0,40}(?:[CS]:\s{1,3}|>{1,3}\s{0,3}|-> ?)?pass\s{1,5})(\S(?:[^\n]{0,4000}\S)?)\s{0,20}$/i;
/** PEM private keys (an application link's RSA key, a certificate's key): every line up to END is the key. */
const PEM_BEGIN = /-----BEGIN (?:[A-Z]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/;
const PEM_END = /-----END (?:[A-Z]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/;
/** Plain ASCII: nothing a word in another script (`пароль`) could hide in. */
const isAscii = (text: string) => !/[^\p{ASCII}]/u.test(text);
/** POP3 `pass …` in lower case, where a protocol trace marks it as the client's line (`C: pass …`). */
const POP3_PASS_TRACE = /(\bC:\s{1,3}pass\s{1,5})(\S{1,4000})/gi;

/** ASCII parts of the word for a password in other languages (`lösenord`, `şifre`: their ASCII ends). */
const PROSE_HINTS = [
  'pw',
  'pass',
  'kennw',
  'wachtw',
  'contrase',
  'senha',
  'parola',
  'haslo',
  'senord',
  'salasana',
  'adgangs',
  'heslo',
  'jelsz',
  'ifre',
];

/** Literal fragments that every detector needs; lines without any of them skip the detectors. */
/** The prefixes VENDOR_KEY's keys start with; GitHub's whole ('gh' alone is in every "high" and "ghost"). */
const VENDOR_KEY_HINTS = [
  'akia',
  'asia',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'aiza',
  'k_live_',
  'k_test_',
  'sg.',
  'npm_',
  'atatt3',
];

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
  'AQAB',
  'sig=',
  'securestring',
  'fromsecret',
  'clientsecret(',
  'setpassword',
  'M.C',
  'M.R',
  '://',
  'private key',
  '{',
  ...VENDOR_KEY_HINTS,
  'key',
  'webhook',
  'hooks.slack',
  'session',
  'remember',
  ...PROSE_HINTS,
];

// What each detector below needs on the line before it is worth running (any match contains one of its hints).
const H = {
  authorization: hint('authorization'),
  basic: hint('basic'),
  negotiate: hintIds(['ntlm', 'negotiate']),
  digest: hint('digest'),
  auth: hint('auth'),
  mechanism: hintIds(['xoauth2', 'oauthbearer', 'plain', 'login']),
  login: hint('login'),
  pass: hint('pass'),
  slack: hintIds(['xox', 'xapp-']),
  securestring: hint('securestring'),
  credentialCall: hintIds(['credential', 'secret', 'password', 'connect', 'authenticate', 'login']),
  xmlField: hintIds(['pass', 'pwd', 'secret', 'token', 'credential', 'api']),
  keyedElement: hintIds(['<entry', '<property', '<setting', '<param']),
  value: hint('value'),
  /** Every name FIELD knows, and every name SECRET_NAME accepts, contains one of these. */
  secretName: hintIds(['secret', 'token', 'pass', 'pw', 'credential', 'key', 'sig']),
  prose: hintIds(PROSE_HINTS),
  vendor: hintIds(VENDOR_KEY_HINTS),
  literal: hint('{'),
  webhook: hintIds(['webhook', 'hooks.slack']),
  pem: hint('private key'),
  codeParam: hint('code='),
  bearer: hint('bearer'),
  // Fragments the detectors below look for with includes(); asking the line's hints first is cheaper.
  smtpPrompt: hint('334'),
  xoauth2Blob: hint('dxnlcj1'),
  jwt: hint('eyj'),
  entraSecret: hint('q~'),
  curl: hintIds(['-u', '--user']),
  flag: hint('--'),
  url: hint('://'),
  jsonCode: hint('"code"'),
  opaque: hintIds(['0.a', '1.a']),
  msa: hintIds(['m.c', 'm.r']),
  v1Refresh: hint('aqab'),
};

/** Placeholders such as `<non-null>`, `****`, `null` or an earlier redaction are not secrets. */
const PLACEHOLDER = new RegExp(
  String.raw`^(?:${MARKER}|<[A-Za-z _-]{0,20}>|\*{1,4000}|null|none|true|false|empty|[|>][+-]?)[,;.)}\]]{0,3}$`,
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

/** Tokens decoded once per scan: a DEBUG log repeats the same token on every call until it is refreshed. */
const DECODED_KEPT = 4;

function decodeOnce(token: string, state: RedactionState, now?: number): DecodedToken {
  // A short list compared by content: cheaper than hashing a 1.5 KB key into a map.
  state.decoded ??= [];
  const kept = state.decoded;
  for (const entry of kept) if (entry.token === token) return entry.decoded;
  const decoded = decodeJwt(token, now);
  if (kept.length >= DECODED_KEPT) kept.pop();
  kept.unshift({ token, decoded });
  return decoded;
}

function redactJwtLike(match: string, sink: SecretSink, decode: boolean, state: RedactionState, now?: number): string {
  const token = trimDots(match);
  const parts = token.split('.', 3);
  const decoded: DecodedToken =
    parts.length < 2 || !parts[1]?.startsWith('eyJ')
      ? { ok: false, reason: 'it is not three dot-separated parts (perhaps cut off when pasted)' }
      : decode
        ? decodeOnce(token, state, now)
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

/** Whether a marker has token characters glued to it (what TAIL looks for), without running the pattern. */
function hasTail(text: string): boolean {
  for (let at = text.indexOf('[redacted '); at !== -1; at = text.indexOf('[redacted ', at + 1)) {
    const close = text.indexOf(']', at);
    if (close === -1) return false;
    const c = text.charCodeAt(close + 1);
    if (
      isTokenCharacter(c) ||
      c === 126 ||
      c === 43 ||
      c === 47 ||
      c === 61 ||
      c === 33 ||
      c === 42 ||
      c === 36 ||
      c === 37
    ) {
      return true;
    }
  }
  return false;
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

/**
 * What one line tells about the next: a key whose value starts the next line (YAML `password: |`, pretty JSON),
 * SMTP's password prompt or a SASL `AUTHENTICATE PLAIN` waiting for its answer, or a token wrapped mid-way.
 * A long line read in pieces uses it too, so a piece that starts with a value is taken as one.
 */
export interface RedactionState {
  pending?: SecretKind;
  /** The value may come after a `+` continuation line (SASL). */
  afterContinuation?: boolean;
  tokenOpen?: boolean;
  /**
   * The promised value is a protocol answer (SMTP's after `334 UGFzc3dvcmQ6`, SASL's after `AUTH PLAIN`): the last
   * word of the client's next line, whatever log prefix comes first. Server lines in between are waited out.
   */
  answer?: boolean;
  /** IMAP: the user name is coming as a literal, and after it maybe the password as another. */
  loginUserLiteral?: boolean;
  /** IMAP: the password is coming as a literal of this many characters. */
  literal?: number;
  /** Inside a PEM private key block: every line is the key. */
  privateKey?: boolean;
  /** The block's key was counted once already. */
  privateKeySeen?: boolean;
  /** Server lines a promised answer may still wait out. */
  patience?: number;
  /** Tokens last decoded in this scan (held only for the scan, like the rest of this state). */
  decoded?: { token: string; decoded: DecodedToken }[];
}

/**
 * Redaction is waiting on a line still to come: a promised value, an IMAP literal, a protocol answer, the rest of a
 * token or of a private key block. (Counters and the decoded-token cache say nothing on their own.)
 */
export function redactionWaiting(state: RedactionState): boolean {
  return Boolean(
    state.pending !== undefined ||
      state.afterContinuation ||
      state.tokenOpen ||
      state.answer ||
      state.loginUserLiteral ||
      state.literal !== undefined ||
      state.privateKey,
  );
}

/** A server's go-ahead that asks nothing: IMAP's `+` (maybe with words), SMTP's `334` with an empty challenge. */
const CONTINUATION_LINE = /(?:^|[\s:>'"])(?:\+(?: [A-Za-z ]{0,60})?|334)(?:\\r\\n)?['"]?\s{0,20}$/;
/** A server's reply: an SMTP status (`535 5.7.3 …`, `250-…`), IMAP's tagged `OK`/`NO`/`BAD`, or a marked server line. */
const SERVER_LINE =
  /(?:^|[\s:>'"])[2-5]\d\d[ -](?:\d\.\d|[A-Za-z])|(?:^|\s)[A-Za-z0-9.]{1,12} (?:OK|NO|BAD)\b|(?:^|\s)(?:S:|<-|<<<?|reply:|SERVER -> CLIENT:)\s/;
/** The last word of a line: a client's answer after whatever prefix its log writes (`…[STDOUT] dS1IOT9t…`, `send: '…\r\n'`). */
const LAST_WORD = /([A-Za-z0-9+/=._~-]{4,8000})((?:\\r\\n|\\n)?['"]?\s{0,20})$/;
/** How many server lines a promised answer waits out before giving up. */
const ANSWER_PATIENCE = 3;
/** The first value on a line, after an optional protocol prefix (`C: `), list dash or quote. */
const FIRST_VALUE = /^(\s{0,40}(?:[CS]:\s{1,3}|-\s{1,3})?)(["']?)([^\s"']{1,8000})/;
/** A wrapped token goes on with base64url characters at the very start of the next line. */
const TOKEN_GOES_ON = /^[A-Za-z0-9_-]{8,8000}(?:\.[A-Za-z0-9_-]{0,8000}){0,2}/;
/** A line ending in a key with nothing after it: `password: |`, `"client_secret":`, `password =`. */
const KEY_AT_END =
  /(?:^|[\s{,([])(["':]?)([A-Za-z_$][\w$.-]{0,60})["']?\s{0,3}(?:=>|[:=])\s{0,3}(?:[|>][+-]?)?\s{0,20}$/;
const SMTP_PROMPT_AT_END = /\b334\s{1,5}UGFzc3dvcmQ6(?:\\r\\n)?['"]?\s{0,20}$/;
const SASL_AT_END = /\bAUTH(?:ENTICATE)?\s{1,5}(PLAIN|LOGIN|XOAUTH2|OAUTHBEARER)\s{0,20}$/i;

/** Takes the value a previous line promised, if this line starts with it (or, for a protocol answer, ends with it). */
function redactPromised(line: string, state: RedactionState, sink: SecretSink): string {
  if (state.privateKey) {
    if (PEM_END.test(line)) {
      state.privateKey = false;
      return line;
    }
    if (line.trim() === '') return line;
    if (!state.privateKeySeen) sink.secret('private-key');
    state.privateKeySeen = true;
    return redacted('private-key');
  }
  if (state.tokenOpen) {
    state.tokenOpen = false;
    const m = TOKEN_GOES_ON.exec(line);
    if (m && !line.startsWith('[redacted')) {
      sink.secret('malformed-token');
      return redacted('malformed-token') + line.slice(m[0].length);
    }
  }
  if (state.loginUserLiteral) {
    if (CONTINUATION_LINE.test(line)) return line;
    state.loginUserLiteral = false;
    const size = LITERAL_AT_END.exec(line)?.[1];
    if (size) {
      state.literal = Number(size);
      state.pending = 'password';
      state.afterContinuation = true;
    }
    return line;
  }
  const kind = state.pending;
  if (!kind) return line;
  if (state.afterContinuation && CONTINUATION_LINE.test(line)) return line;
  if (state.literal !== undefined) {
    // The literal is exactly that many characters, spaces included, at the end of the line.
    const size = state.literal;
    state.literal = undefined;
    state.pending = undefined;
    state.afterContinuation = false;
    const body = line.replace(/\s{1,20}$/, '');
    if (body.length < size) return line;
    sink.secret(kind);
    return body.slice(0, body.length - size) + redacted(kind) + line.slice(body.length);
  }
  if (state.answer) {
    if (SERVER_LINE.test(line) && state.patience !== undefined && state.patience-- > 0) return line;
    state.pending = undefined;
    state.afterContinuation = false;
    state.answer = false;
    const m = LAST_WORD.exec(line);
    const value = m?.[1] ?? '';
    if (!m || isPlaceholder(value) || value.startsWith('redacted') || MECHANISM.test(value)) return line;
    sink.secret(kind);
    return line.slice(0, m.index) + redacted(kind) + (m[2] ?? '');
  }
  state.pending = undefined;
  state.afterContinuation = false;
  const m = FIRST_VALUE.exec(line);
  if (!m || isPlaceholder(m[3] ?? '') || (m[3] ?? '').startsWith('[redacted')) return line;
  sink.secret(kind);
  const quote = m[2] ?? '';
  return `${m[1]}${quote}${redacted(kind)}${line.slice((m[0] ?? '').length)}`;
}

/** The last character of a line that is not white space (-1 for none). */
function lastVisible(line: string): number {
  let i = line.length - 1;
  while (i >= 0 && isSpace(line.charCodeAt(i))) i--;
  return i < 0 ? -1 : line.charCodeAt(i);
}

const isWordCharacter = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

const isTokenCharacter = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;

/**
 * `/(?:^|[\s:="'])eyJ[A-Za-z0-9_.-]{12,24000}$/` without the pattern: the line ends in a run of token characters
 * that starts with `eyJ` after the line's start, a space, `:`, `=` or a quote. Inside the run no other start
 * qualifies (the character before is part of the run), so the run's own start is the only place to look.
 */
function endsInToken(line: string): boolean {
  let start = line.length;
  while (start > 0 && isTokenCharacter(line.charCodeAt(start - 1))) start--;
  const length = line.length - start - 3;
  if (length < 12 || length > 24000 || !line.startsWith('eyJ', start)) return false;
  if (start === 0) return true;
  const before = line.charCodeAt(start - 1);
  return isSpace(before) || before === 58 || before === 61 || before === 34 || before === 39;
}

/** endsInToken when the line's JWT-like runs are known: the last one reaches the end, after what endsInToken allows. */
function runEndsLine(line: string, jwtRuns: readonly number[]): boolean {
  const start = jwtRuns[jwtRuns.length - 2] as number;
  if (jwtRuns[jwtRuns.length - 1] !== line.length) return false;
  if (start === 0) return true;
  const before = line.charCodeAt(start - 1);
  return isSpace(before) || before === 58 || before === 61 || before === 34 || before === 39;
}

/** What `\s` matches in a pattern, without running one. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What this line promises the next one. */
function promise(
  raw: string,
  redactedLine: string,
  state: RedactionState,
  gate: HintGate,
  jwtRuns: readonly number[],
): void {
  if (jwtRuns.length > 0 ? runEndsLine(raw, jwtRuns) : endsInToken(raw)) state.tokenOpen = true;
  if (gate.has(H.pem) && PEM_BEGIN.test(raw) && !PEM_END.test(raw)) {
    state.privateKey = true;
    state.privateKeySeen = false;
    return;
  }
  if (redactedLine.includes('334') && SMTP_PROMPT_AT_END.test(redactedLine)) {
    state.pending = 'password';
    state.answer = true;
    state.patience = ANSWER_PATIENCE;
    return;
  }
  if (gate.has(H.literal) && gate.has(H.login) && redactedLine.includes('{')) {
    const m = IMAP_LOGIN_LITERAL.exec(redactedLine);
    if (m) {
      // `LOGIN {14}` sends the user as a literal first; `LOGIN user {15}` sends the password as one.
      if (/login\s{1,5}\{/i.test(m[0])) state.loginUserLiteral = true;
      else {
        state.pending = 'password';
        state.literal = Number(m[1]);
        state.afterContinuation = true;
      }
      return;
    }
  }
  const last = lastVisible(redactedLine.replace(/(?:\\r\\n)?['"]?\s{0,20}$/, ''));
  // A SASL command ends in its mechanism's name; a key waiting for its value ends in `:`, `=`, `=>`, `|` or `>`.
  if (isWordCharacter(last)) {
    const sasl = gate.has(H.auth) ? SASL_AT_END.exec(redactedLine.replace(/(?:\\r\\n)?['"]?\s{0,20}$/, '')) : null;
    if (sasl) {
      state.pending = /^(?:PLAIN|LOGIN)$/i.test(sasl[1] ?? '') ? 'password' : 'authorization-header';
      state.afterContinuation = true;
      state.answer = true;
      state.patience = ANSWER_PATIENCE;
    }
    return;
  }
  if (last !== 58 && last !== 61 && last !== 124 && last !== 62 && last !== 43 && last !== 45) return;
  const key = KEY_AT_END.exec(redactedLine);
  if (key && SECRET_NAME.test(key[2] ?? '')) state.pending = kindOfField(key[2] ?? '');
}

/** Values that are code rather than a secret: `new`, a variable, `process.env.X`, `${VAR}`, `%VAR%`, `getPassword()`. */
const CODE_VALUE =
  /^(?:new|await|this|self|function|lambda|undefined|nil)$|^(?:ConvertTo|ConvertFrom|Get|Read|New|Import|Export|Invoke)-[A-Z][A-Za-z]{1,40}[,;)}\]]{0,3}$|^(?:[a-z_$][A-Za-z$]*[A-Z][A-Za-z$]*|_?[A-Za-z$][A-Za-z$]*(?:\._?[A-Za-z$][A-Za-z$]*){1,6}|\$\w{1,60}|\$\{[^}]{1,80}\}|%\w{1,60}%|[A-Za-z_$][\w$.]{0,80}\(\))[,;)}\]]{0,3}$/;
/** Only where the separator reads like code (`pass: smtpPass`, `password = cfg.pw`): `password=a.b` in a query is data. */
const isCodeValue = (sep: string, value: string) => (/\s/.test(sep) || !sep.includes('=')) && CODE_VALUE.test(value);

export function redactSecrets(
  line: string,
  sink: SecretSink,
  now?: number,
  state: RedactionState = {},
  gate: HintGate = EVERY_PATTERN,
  jwtRuns: readonly number[] = [],
): string {
  if (line.includes('[redacted ')) readMarkers(line, sink);
  let out = redactPromised(line, state, sink);
  const found = (kind: SecretKind) => {
    sink.secret(kind);
    return redacted(kind);
  };
  // Base64 first: a JWT-looking run inside it must not break it into pieces that the later patterns miss.
  if (gate.has(H.authorization)) {
    if (gate.has(H.basic)) out = out.replace(BASIC, (_whole, prefix: string) => `${prefix}${found('password')}`);
    if (gate.any(H.negotiate)) {
      out = out.replace(NEGOTIATE, (_whole, prefix: string) => `${prefix}${found('authorization-header')}`);
    }
    if (gate.has(H.digest)) out = out.replace(DIGEST, (_whole, prefix: string) => `${prefix}${found('password')}`);
  }
  if (gate.has(H.auth) && gate.any(H.mechanism)) {
    out = out.replace(SASL, (whole, prefix: string, mechanism: string, value: string) => {
      if (/^[A-Za-z][a-z]{0,40}$/.test(value) || MECHANISM.test(value)) return whole;
      const kind = /^(?:PLAIN|LOGIN)$/i.test(mechanism) ? 'password' : 'authorization-header';
      return `${prefix}${found(kind)}`;
    });
  }
  if (gate.has(H.smtpPrompt) && out.includes('334'))
    out = out.replace(SMTP_PASSWORD_PROMPT, (_whole, prefix: string) => `${prefix}${found('password')}`);
  if (gate.has(H.pass) && out.includes('PASS')) {
    out = out.replace(POP3_PASS, (whole, prefix: string, value: string) =>
      isPlaceholder(value) ? whole : `${prefix}${found('password')}`,
    );
  }
  if (gate.has(H.login) && /login/i.test(out)) {
    out = out.replace(IMAP_LOGIN_ANY_CASE, (whole, prefix: string, value: string) =>
      isPlaceholder(value) ? whole : `${prefix}${found('password')}`,
    );
  }
  if (gate.has(H.pass)) {
    out = out.replace(POP3_PASS_LINE, (whole, prefix: string, value: string) =>
      isPlaceholder(value) || value.startsWith('[redacted') ? whole : `${prefix}${found('password')}`,
    );
  }
  if (gate.has(H.pass) && /C:\s{1,3}pass/i.test(out)) {
    out = out.replace(POP3_PASS_TRACE, (whole, prefix: string, value: string) =>
      isPlaceholder(value) || value.startsWith('[redacted') ? whole : `${prefix}${found('password')}`,
    );
  }
  if (gate.has(H.xoauth2Blob) && out.includes('dXNlcj1'))
    out = out.replace(XOAUTH2_BLOB, () => found('authorization-header'));
  let decodes = 0;
  const redactToken = (token: string) => redactJwtLike(token, sink, decodes++ < MAX_DECODES, state, now);
  if (jwtRuns.length > 0 && out === line) {
    // The scanner already found JWT_LIKE's matches in this very text (see Scanner.gateFor): no second search.
    const parts: string[] = [];
    let from = 0;
    for (let i = 0; i < jwtRuns.length; i += 2) {
      const start = jwtRuns[i] as number;
      const end = jwtRuns[i + 1] as number;
      parts.push(out.slice(from, start), redactToken(out.slice(start, end)));
      from = end;
    }
    parts.push(out.slice(from));
    out = parts.join('');
  } else if (gate.has(H.jwt) && out.includes('eyJ')) {
    out = out.replace(JWT_LIKE, redactToken);
  }
  if (gate.any(H.slack)) out = out.replace(SLACK_TOKEN, () => found('slack-token'));
  if (gate.any(H.vendor)) out = out.replace(VENDOR_KEY, () => found('api-key'));
  if (gate.any(H.webhook)) out = out.replace(WEBHOOK_URL, (_whole, prefix: string) => `${prefix}${found('api-key')}`);
  if (gate.has(H.entraSecret) && out.includes('Q~'))
    out = out.replace(ENTRA_SECRET_VALUE, () => found('client-secret'));
  if (gate.any(H.curl) && /-u\s|--user/.test(out)) {
    out = out.replace(CURL_USER, (whole, prefix: string, _q: string, value: string) =>
      isPlaceholder(value) ? whole : `${prefix}${found('password')}`,
    );
  }
  if (gate.has(H.login) && out.includes(' -p') && /login/i.test(out)) {
    out = out.replace(LOGIN_P_FLAG, (whole, prefix: string, dq?: string, sq?: string, bare?: string) => {
      const value = dq ?? sq ?? bare ?? '';
      if (isPlaceholder(value) || value.startsWith('[redacted')) return whole;
      return `${prefix}${dq !== undefined ? `"${found('password')}"` : sq !== undefined ? `'${found('password')}'` : found('password')}`;
    });
  }
  if (gate.has(H.securestring)) {
    out = out.replace(SECURE_STRING, (whole, prefix: string, dq?: string, sq?: string) =>
      isPlaceholder(dq ?? sq ?? '')
        ? whole
        : `${prefix}${dq !== undefined ? `"${found('password')}"` : `'${found('password')}'`}`,
    );
  }
  if (gate.any(H.credentialCall) && out.includes('(')) {
    out = out.replace(CREDENTIAL_CALL, (whole, call: string, before: string, literal: string) => {
      const value = literal.slice(1, -1);
      const single = SINGLE_SECRET_CALL.test(call);
      // A host, an address or a GUID in last place is not the secret (connect("host", 993, true) has no literal).
      if ((!single && before.trim() === '') || isPlaceholder(value) || value.startsWith('[redacted')) return whole;
      if (/^[\w.-]{1,253}\.[a-z]{2,24}$|^[^@\s]{1,64}@[\w-]{1,63}\.[\w.-]{1,200}$|^[0-9a-f-]{36}$/i.test(value))
        return whole;
      const kind = /secret/i.test(call) ? 'client-secret' : 'password';
      return `${call}${before}${literal[0]}${found(kind)}${literal[0]}`;
    });
  }
  if (gate.any(H.xmlField) && out.includes('<')) {
    out = out.replace(XML_FIELD, (whole, open: string, name: string, value: string) => {
      if (isPlaceholder(value)) return whole;
      return `${open}${found(kindOfField(name))}`;
    });
  }
  if (gate.any(H.keyedElement)) {
    out = out.replace(KEYED_ELEMENT, (whole, open: string, _tag: string, attrs: string, value: string) => {
      const name = NAME_ATTR.exec(attrs)?.[1];
      if (!name || !SECRET_NAME.test(name) || isPlaceholder(value)) return whole;
      return `${open}${found(kindOfField(name))}`;
    });
  }
  if (gate.has(H.value)) {
    out = out.replace(KEY_VALUE_ATTR, (whole, prefix: string, _q: string, name: string, dq?: string, sq?: string) => {
      const value = dq ?? sq ?? '';
      if (!SECRET_NAME.test(name) || isPlaceholder(value)) return whole;
      const marker = found(kindOfField(name));
      return dq !== undefined ? `${prefix}"${marker}"` : `${prefix}'${marker}'`;
    });
  }
  if (gate.has(H.value) && out.includes('"value"')) {
    out = out.replace(KEY_VALUE_JSON, (whole, prefix: string, name: string, value: string) =>
      !SECRET_NAME.test(name) || isPlaceholder(value) ? whole : `${prefix}${found(kindOfField(name))}`,
    );
  }
  if (gate.has(H.flag) && out.includes('--')) {
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
  const named = gate.any(H.secretName);
  if (named)
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
        if (dq === undefined && sq === undefined && !quote && isCodeValue(sep, value)) return whole;
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
  if (named)
    out = out.replace(
      GENERIC_KEY,
      (whole, q: string, name: string, sep: string, dq?: string, sq?: string, marker?: string, bare?: string) => {
        const value = dq ?? sq ?? bare ?? '';
        if (marker !== undefined || !SECRET_NAME.test(name) || isPlaceholder(value)) return whole;
        if (dq === undefined && sq === undefined && (isCodeValue(sep, value) || isProse(name, sep, value)))
          return whole;
        const replacement = found(kindOfField(name));
        if (dq !== undefined) return `${q}${name}${sep}"${replacement}"`;
        if (sq !== undefined) return `${q}${name}${sep}'${replacement}'`;
        return `${q}${name}${sep}${replacement}`;
      },
    );
  if (gate.any(H.prose) || !isAscii(out)) out = redactProse(out, () => found('password'));
  if (gate.has(H.url) && out.includes('@') && out.includes('://')) {
    out = out.replace(URL_USERINFO, (whole, prefix: string, value: string) =>
      isPlaceholder(value) || value.startsWith('[redacted') ? whole : `${prefix}${found('password')}`,
    );
    out = out.replace(URL_TOKEN_USER, (whole, prefix: string, value: string) =>
      /^[a-z]{1,20}$|^[a-z]+[._-][a-z]+$/i.test(value) ? whole : `${prefix}${found('api-key')}`,
    );
  }
  if (gate.has(H.codeParam)) {
    out = out.replace(AUTH_CODE, (whole, prefix: string, value: string) =>
      isPlaceholder(value) || isErrorCode(value) ? whole : `${prefix}${found('authorization-code')}`,
    );
  }
  if (gate.has(H.jsonCode) && out.includes('"code"')) {
    out = out.replace(JSON_CODE, (whole, prefix: string, value: string) =>
      isPlaceholder(value) || isErrorCode(value) ? whole : `${prefix}${found('authorization-code')}`,
    );
  }
  if (gate.has(H.bearer)) {
    out = out.replace(BEARER, (whole, prefix: string, value: string) =>
      /^[A-Za-z_-]{1,40}=?$/.test(value) ? whole : `${prefix}${found('authorization-header')}`,
    );
  }
  if (gate.any(H.opaque) && (out.includes('0.A') || out.includes('1.A')))
    out = out.replace(MS_OPAQUE_TOKEN, () => found('refresh-token'));
  if (gate.any(H.msa) && (out.includes('M.C') || out.includes('M.R')))
    out = out.replace(MSA_TOKEN, () => found('refresh-token'));
  if (gate.has(H.v1Refresh) && out.includes('AQAB')) out = out.replace(V1_REFRESH_TOKEN, () => found('refresh-token'));
  const done = hasTail(out) ? dropTails(out) : out;
  promise(line, done, state, gate, jwtRuns);
  return done;
}
