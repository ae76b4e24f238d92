// The second line of defence: every piece of pasted text the core hands out (evidence, the user's quoted words, a
// kept paste) passes through here after redaction. Whatever still looks like a random credential is masked unless it
// has a shape known to be safe. Deny by default: a log loses an odd identifier now and then; a secret never leaks.

export const MASK = '[hidden: looked like a secret]';

/**
 * Runs that could be a credential: no spaces, quotes (ASCII or typographic, as Outlook, Teams and macOS type them) or
 * brackets, at least 8 characters.
 */
const RUN = /[^\s"'`<>()[\]{},;|“”‘’«»„‚‹›「」『』]{8,4000}/g;

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
/** A host, maybe with a port and a path: `outlook.office365.com:993/imap/ssl`. */
const HOST = /^(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24}\.?(?::\d{1,5})?(?:\/[\w./~=-]{0,400})?$/i;
const EMAIL = /^[\w.+-]{1,64}@(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24}$/i;
const URL_START = /^[a-z][a-z0-9+.-]{1,15}:\/\//i;
/** `@host` or `@host:port` ending the user info of a URL. */
const HOST_AFTER_AT = /@[\w.-]{1,253}(?::\d{1,5})?(?=[/?#]|$)/g;
const PATH = /^(?:[a-z]:)?[\\/][\w .\\/@:+~-]{0,4000}$/i;
/** `com.atlassian.mail.msgraph.MicrosoftGraphMailClient`, `MailFetcherService.java:254`, `Mail.ReadWrite`. */
const DOTTED_NAME = /^[A-Za-z_$][\w$]*(?:[.$][A-Za-z_$][\w$]*){1,20}(?::\d{1,6})?:?$/;
/** Dates, times, numbers, versions, IP addresses; `10-Feb-2022` too. */
const NUMERIC =
  /^[\d:.,+\-TZ/]{1,40}$|^\d{1,4}[-/. ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}[-/. ]\d{2,4}$/i;
const ERROR_CODE = /^(?:AADSTS|IDX)\d{1,10}:?$|^0x[0-9a-f]{1,16}$/i;
/** SMTP's base64 prompts, "Username:" and "Password:". */
const SASL_PROMPT = /^(?:VXNlcm5hbWU6|UGFzc3dvcmQ6)$/;
/**
 * Hashes that name a certificate or a build, never a credential: SHA-1 and SHA-256 in hex (a certificate's
 * thumbprint is what tells an admin which one to upload), also as colon-separated pairs (`keytool`, `openssl`).
 */
const FINGERPRINT = /^(?:[0-9a-f]{40}|[0-9a-f]{64}|(?:[0-9a-f]{2}:){19}[0-9a-f]{2}|(?:[0-9a-f]{2}:){31}[0-9a-f]{2})$/i;
/** Atlassian's version footer: `10.3.12#10030012-sha1:8e24a86`. */
const BUILD = /^\d{1,3}(?:\.\d{1,4}){1,3}#\d{3,12}(?:-sha1:[0-9a-f]{7,40})?$/i;
/** The keys whose values are certificate thumbprints or key ids, in base64url too (`"x5t": "WmvVgw2…"`). */
const THUMBPRINT_KEY =
  /(?:x5t(?:#S256)?|kid|thumbprint|fingerprint|certificate[ _-]?id|customKeyIdentifier)["']?\s{0,3}[:=]\s{0,3}["']?$/i;
/** The chunks a name is made of: words, acronyms and numbers (`MailboxNotEnabledForRESTAPI` → 5 long ones). */
const CHUNK = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;
/** The most common weak password of all: a word, a year and a symbol (`Spring2025!`), which reads like a name. */
const SEASON_PASSWORD = /^[A-Z][a-z]{2,15}\d{1,4}[!@#$%^&*?]{1,3}$/;
/** Letters of scripts other than Latin: words there are not credentials, and they split a run into parts. */
const OTHER_SCRIPT = /[^\P{L}\p{Script=Latin}]+/u;

/**
 * Words and CamelCase names joined by `_`, `-`, `.`: `QuartzScheduler_Worker-3`, `SaslMechanismOAuth2`. A random
 * string breaks into many one- and two-character chunks; a name into few long ones.
 */
function identifierLike(run: string): boolean {
  if (/[^A-Za-z0-9._:\-\\/]/.test(run)) return false;
  const chunks = run.match(CHUNK) ?? [];
  const words = chunks.filter((c) => !/^\d/.test(c));
  const chars = words.reduce((n, c) => n + c.length, 0);
  return words.length > 0 && chars / words.length >= 3 && chunks.every((c) => !/^\d{5,}$/.test(c));
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

function safeShape(run: string): boolean {
  return (
    GUID.test(run) ||
    HOST.test(run) ||
    EMAIL.test(run) ||
    PATH.test(run) ||
    DOTTED_NAME.test(run) ||
    NUMERIC.test(run) ||
    ERROR_CODE.test(run) ||
    SASL_PROMPT.test(run) ||
    FINGERPRINT.test(run) ||
    BUILD.test(run) ||
    (identifierLike(run) && !SEASON_PASSWORD.test(run))
  );
}

/** The kinds of character in a run: lower and upper case letters (any Latin letter, `é` too), digits, the rest. */
function classes(run: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\d/, /[^\p{L}\p{N}]/u].filter((re) => re.test(run)).length;
}

/** Random enough to be a credential: three kinds of characters, or a long run with high entropy, or a hex key. */
function looksRandom(run: string): boolean {
  const kinds = classes(run);
  // Eight or nine characters pass only with all four kinds (`Welcome1!`); names that short rarely have them all.
  if (run.length < 10) return kinds === 4;
  if (kinds >= 3) return true;
  // 32 hex digits is the shape of API keys (Azure API Management, Teams connectors), whatever their entropy.
  if (/^[0-9a-f]{32}$/i.test(run)) return true;
  return run.length >= 24 && kinds >= 2 && entropy(run) >= 3.8;
}

/**
 * A URL keeps its scheme and host. A password in its user info always goes; a user name alone goes when it looks
 * random (`https://ghp_…@github.com`). Path segments and query values are judged one by one, so a webhook's key in the
 * path (`hooks.slack.com/services/T…/B…/<key>`) goes while `/v1.0/users/…/messages` stays.
 */
function maskUrl(url: string): string {
  const scheme = URL_START.exec(url)?.[0] ?? '';
  let rest = url.slice(scheme.length);
  let userinfo = '';
  // The user info ends at the last `@` that a host follows: a password may itself hold `@`, `/`, `?` or `#`.
  let hostAt = -1;
  for (const m of rest.matchAll(HOST_AFTER_AT)) hostAt = m.index;
  if (hostAt > 0) {
    const info = rest.slice(0, hostAt);
    const colon = info.indexOf(':');
    userinfo = colon !== -1 ? `${info.slice(0, colon + 1)}${MASK}@` : `${judgeWhole(info)}@`;
    rest = rest.slice(hostAt + 1);
  }
  const cut = rest.search(/[?#]/);
  const path = cut === -1 ? rest : rest.slice(0, cut);
  const maskedPath = path
    .split('/')
    .map((segment, i) => (i === 0 ? segment : judgeWhole(segment)))
    .join('/');
  if (cut === -1) return scheme + userinfo + maskedPath;
  const query = rest
    .slice(cut + 1)
    .replace(/([^=&#]{0,200}=)([^&#]{1,4000})/g, (whole, key: string, value: string) =>
      judge(value) === value ? whole : `${key}${MASK}`,
    );
  return `${scheme}${userinfo}${maskedPath}${rest[cut]}${query}`;
}

/** A piece judged as a whole (a URL segment, a user name): masked entirely or kept. */
function judgeWhole(piece: string): string {
  if (piece.length < 8) return piece;
  const decoded = safeDecode(piece);
  // A long run of letters and digits in both cases is a key in a URL, however name-like its chunks
  // (`…/services/T0…/B0…/Lfzg3ZlyaexaQKMLCLHbxUkD`); the names in URL paths have no digits in them.
  if (/^[A-Za-z0-9]{16,}$/.test(decoded) && /\d/.test(decoded) && /[a-z]/.test(decoded) && /[A-Z]/.test(decoded))
    return MASK;
  return judge(decoded) === decoded ? piece : MASK;
}

function safeDecode(piece: string): string {
  try {
    return decodeURIComponent(piece);
  } catch {
    return piece;
  }
}

function judge(raw: string, offset = 0, whole = ''): string {
  // Punctuation that only joins the run to what was before it (`@host`, `&next=…`) is kept and not judged.
  const lead = /^[@&?#=:*_~\\]{0,4}/.exec(raw)?.[0] ?? '';
  const body = raw.slice(lead.length);
  let run = body.replace(/[.,:;!?*_~\\]{1,4}$/, '');
  // `Spring2025!` keeps its `!`: without it the password reads like a name.
  if (run !== body && SEASON_PASSWORD.test(body.replace(/[.,:;?]{1,3}$/, ''))) run = body.replace(/[.,:;?]{1,3}$/, '');
  const tail = body.slice(run.length);
  if (run.length < 8 || run.includes('[redacted') || run.includes(MASK)) return raw;
  // A thumbprint named as one (`"x5t": "WmvVgw2…"`, `thumbprint=…`) is what tells an admin which certificate is meant.
  if (whole && THUMBPRINT_KEY.test(whole.slice(Math.max(0, offset - 40), offset + lead.length))) return raw;
  // Words in another script glued to the run (`пароль:wN.lzs…`, `パスワードはD#uy…`) split it: each part is judged.
  if (OTHER_SCRIPT.test(run)) {
    return (
      lead +
      run
        .split(new RegExp(`(${OTHER_SCRIPT.source})`, 'u'))
        .map((part) => (OTHER_SCRIPT.test(part) || part.length < 8 ? part : judge(part)))
        .join('') +
      tail
    );
  }
  // A JSON string's `\r\n` escapes join separate words into one run.
  if (/\\[rnt]/.test(run)) {
    const parts = run.split(/(\\{1,2}[rnt])/).map((part) => (/^\\{1,2}[rnt]$/.test(part) ? part : judge(part)));
    return lead + parts.join('') + tail;
  }
  if (URL_START.test(run)) return lead + maskUrl(body);
  if (safeShape(run)) return raw;
  // Parts of a query string glued into one run are judged one by one.
  if (run.includes('&') && /&[^&=]{1,60}=/.test(run)) {
    return (
      lead +
      run
        .split('&')
        .map((part) => (part.length >= 8 ? judge(part) : part))
        .join('&') +
      tail
    );
  }
  // key=value pairs glued in one run (a form body, a connection string): judge each value, keep the keys readable. A
  // run ending in `=` with nothing after it is base64 padding, not a pair.
  if (/^[$A-Za-z_][\w.$-]{0,60}=[^=]/.test(run)) {
    const pairs = run.replace(/([$A-Za-z_][\w.$-]{0,60}=)([^&;]{1,4000})/g, (whole, key: string, value: string) => {
      if (THUMBPRINT_KEY.test(key)) return whole;
      const judged = judge(value);
      return judged === value ? whole : `${key}${MASK}`;
    });
    return lead + pairs + tail;
  }
  return looksRandom(run) ? lead + MASK + tail : raw;
}

/** The text with every run that still looks like a credential masked. */
export function maskLikelySecrets(text: string): string {
  if (text.length < 8) return text;
  return text.replace(RUN, (run, offset: number, whole: string) => judge(run, offset, whole));
}
