// The second line of defence: every piece of pasted text the core hands out (evidence, the user's quoted words, a
// kept paste) passes through here after redaction. Whatever still looks like a random credential is masked unless it
// has a shape known to be safe. Deny by default: a log loses an odd identifier now and then; a secret never leaks.

export const MASK = '[hidden: looked like a secret]';

/** Runs that could be a credential: no spaces, quotes or brackets, at least 10 characters. */
const RUN = /[^\s"'`<>()[\]{},;|]{10,4000}/g;

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
/** A host, maybe with a port and a path: `outlook.office365.com:993/imap/ssl`. */
const HOST = /^(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24}\.?(?::\d{1,5})?(?:\/[\w./~=-]{0,400})?$/i;
const EMAIL = /^[\w.+-]{1,64}@(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24}$/i;
const URL_START = /^[a-z][a-z0-9+.-]{1,15}:\/\//i;
const PATH = /^(?:[a-z]:)?[\\/][\w .\\/@:+~-]{0,4000}$/i;
/** `com.atlassian.mail.msgraph.MicrosoftGraphMailClient`, `MailFetcherService.java:254`, `Mail.ReadWrite`. */
const DOTTED_NAME = /^[A-Za-z_$][\w$]*(?:[.$][A-Za-z_$][\w$]*){1,20}(?::\d{1,6})?:?$/;
/** Dates, times, numbers, versions, IP addresses; `10-Feb-2022` too. */
const NUMERIC =
  /^[\d:.,+\-TZ/]{1,40}$|^\d{1,4}[-/. ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}[-/. ]\d{2,4}$/i;
const ERROR_CODE = /^(?:AADSTS|IDX)\d{1,10}:?$|^0x[0-9a-f]{1,16}$/i;
/** SMTP's base64 prompts, "Username:" and "Password:". */
const SASL_PROMPT = /^(?:VXNlcm5hbWU6|UGFzc3dvcmQ6)$/;
/** The chunks a name is made of: words, acronyms and numbers (`MailboxNotEnabledForRESTAPI` → 5 long ones). */
const CHUNK = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

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
    identifierLike(run)
  );
}

/** Random enough to be a credential: three kinds of characters, or a long run with high entropy. */
function looksRandom(run: string): boolean {
  // Credentials are ASCII; text in another script (CJK, Cyrillic) glued to a name is words, not a secret.
  if (/\P{ASCII}/u.test(run)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(run)).length;
  if (classes >= 3) return true;
  return run.length >= 24 && classes >= 2 && entropy(run) >= 3.8;
}

/** A URL is safe up to its query; each query value is judged on its own. */
function maskUrl(url: string): string {
  const q = url.search(/[?#]/);
  if (q === -1) return url;
  return (
    url.slice(0, q + 1) +
    url
      .slice(q + 1)
      .replace(/([^=&#]{0,200}=)([^&#]{1,4000})/g, (whole, key: string, value: string) =>
        judge(value) === value ? whole : `${key}${MASK}`,
      )
  );
}

function judge(raw: string): string {
  // Punctuation that only joins the run to what was before it (`@host`, `&next=…`) is kept and not judged.
  const lead = /^[@&?#=:*_~\\]{0,4}/.exec(raw)?.[0] ?? '';
  const body = raw.slice(lead.length);
  const run = body.replace(/[.,:;!?*_~\\]{1,4}$/, '');
  const tail = body.slice(run.length);
  if (run.length < 10 || run.includes('[redacted') || run.includes(MASK)) return raw;
  // A JSON string's `\r\n` escapes join separate words into one run.
  if (/\\[rnt]/.test(run)) {
    const parts = run.split(/(\\{1,2}[rnt])/).map((part) => (/^\\{1,2}[rnt]$/.test(part) ? part : judge(part)));
    return lead + parts.join('') + tail;
  }
  if (URL_START.test(run)) return lead + maskUrl(body);
  if (safeShape(run)) return raw;
  // Parts of a query string glued into one run are judged one by one.
  if (run.includes('&'))
    return (
      lead +
      run
        .split('&')
        .map((part) => (part.length >= 10 ? judge(part) : part))
        .join('&') +
      tail
    );
  // key=value pairs glued in one run (a form body, a connection string): judge each value, keep the keys readable.
  if (/^[$A-Za-z_][\w.$-]{0,60}=/.test(run)) {
    const pairs = run.replace(/([$A-Za-z_][\w.$-]{0,60}=)([^&;]{1,4000})/g, (whole, key: string, value: string) => {
      const judged = judge(value);
      return judged === value ? whole : `${key}${MASK}`;
    });
    return lead + pairs + tail;
  }
  return looksRandom(run) ? lead + MASK + tail : raw;
}

/** The text with every run that still looks like a credential masked. */
export function maskLikelySecrets(text: string): string {
  if (text.length < 10) return text;
  return text.replace(RUN, judge);
}
