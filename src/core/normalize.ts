// Chat platforms wrap a paste in their own markup; logs URL-encode query strings. Both are undone here so the
// same paste gives the same answer in Slack, Teams, the CLI and the playground.

const HTML_TAG =
  /<\/?(?:p|br|div|span|at|b|i|u|em|strong|pre|code|ul|ol|li|a|font|img|blockquote|h[1-6]|table|tr|td|th|tbody|thead|hr|s|strike|del|sup|sub|systemmessage)\b[^<>]{0,2000}>/gi;
const BLOCK_END = /<(?:br\s{0,5}\/?|\/p|\/div|\/li|\/pre|\/tr|\/h[1-6]|\/blockquote)>/gi;
const TEAMS_MENTION = /<at\b[^<>]{0,500}>[^<]{0,500}<\/at>/gi;
const SLACK_LINK = /<((?:https?|mailto):[^<>|\s]{1,4000})(?:\|[^<>]{0,4000})?>/g;
const SLACK_REFERENCE = /<[@#!][^<>\s]{1,200}>/g;
const CODE_FENCE = /```[a-zA-Z]{0,20}/g;
const ENTITY = /&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code === 0xa0 ? 0x20 : code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A table row pasted in Teams, `<tr><td>Password</td><td>…</td></tr>`, reads as `Password: …`. */
const CELL_PARAGRAPH_OPEN = /(<t[dh]\b[^<>]{0,500}>)\s{0,20}<p\b[^<>]{0,500}>/gi;
const CELL_PARAGRAPH_CLOSE = /<\/p>\s{0,20}(<\/t[dh]>)/gi;
const CELL_BREAK = /<\/t[dh]>\s{0,20}<t[dh]\b[^<>]{0,500}>/gi;

/** Slack mrkdwn and Teams HTML → plain text. Applied to whole pastes, not to log files. */
export function normalizeChat(text: string): string {
  let out = text;
  if (out.includes('<')) {
    if (/<t[dh]\b/i.test(out)) {
      out = out.replace(CELL_PARAGRAPH_OPEN, '$1').replace(CELL_PARAGRAPH_CLOSE, '$1').replace(CELL_BREAK, ': ');
    }
    out = out
      .replace(TEAMS_MENTION, '')
      .replace(SLACK_LINK, '$1')
      .replace(SLACK_REFERENCE, '')
      .replace(BLOCK_END, '\n')
      .replace(HTML_TAG, '');
  }
  if (out.includes('`')) out = out.replace(CODE_FENCE, '\n').replace(/`/g, '');
  return decodeEntities(out).replace(/\u00a0/g, ' ');
}

const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2}){1,200}/g;
const SCOPE_VALUE = /\bscope=[^\s&"']{1,4000}/gi;

const utf8 = new TextDecoder('utf-8');

/** Decodes a run of %XX escapes; a run that is not valid UTF-8 stays as it was (no exception per run: those cost). */
function decodePercentRun(run: string): string {
  const bytes = new Uint8Array(run.length / 3);
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    if ((bytes[i] as number) >= 0x80) ascii = false;
  }
  if (ascii) return String.fromCharCode(...bytes).replace(/[\r\n]/g, ' ');
  if (bytes.length === 1) return run;
  const text = utf8.decode(bytes);
  return text.includes('\uFFFD') ? run : text.replace(/[\r\n]/g, ' ');
}

/** A URL's user info (`imaps://user%40contoso.com:pa%20ss@host`), up to the last `@` before the host. */
const URL_USERINFO_RAW =
  /\b[a-z][a-z0-9+.-]{1,15}:\/\/([^\s/?#"'<>]{1,1024})@(?=[\w.-]{1,253}(?::\d{1,5})?(?:[/?#\s"'<>]|$))/gi;
/** Escapes that would end a URL once decoded: white space, quotes, angle brackets. */
const URL_ENDING = /[\s"'<>]/g;

/**
 * One round of %XX decoding. In a URL's user info, a decoded space, quote or bracket is written encoded again: the
 * password `Hp9sC%20fpat` must stay one run, or the redaction that finds a URL's password would see only its start.
 */
function decodePercents(line: string): string {
  if (!line.includes('://')) return line.replace(PERCENT_RUN, decodePercentRun);
  const kept: [number, number][] = [];
  for (const m of line.matchAll(URL_USERINFO_RAW))
    kept.push([m.index + m[0].length - 1 - (m[1]?.length ?? 0), m.index + m[0].length - 1]);
  if (kept.length === 0) return line.replace(PERCENT_RUN, decodePercentRun);
  return line.replace(PERCENT_RUN, (run, at: number) => {
    const decoded = decodePercentRun(run);
    const inUserInfo = kept.some(([start, end]) => at >= start && at < end);
    return inUserInfo
      ? decoded.replace(URL_ENDING, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
      : decoded;
  });
}

/** Characters that show nothing but split a word: `pass\u200bword` must still read as `password`. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;
/** Fullwidth letters, digits and `＝` (`ｐａｓｓｗｏｒｄ＝`), which NFKC turns into the plain ones. */
const FULLWIDTH = /[\uFF10-\uFF19\uFF1D\uFF21-\uFF3A\uFF41-\uFF5A]/;
/** A word mixing Latin with Cyrillic or Greek letters: no real word does, a disguised key does (`раssword`). */
const MIXED_WORD = /[\p{L}\p{M}]{2,64}/gu;
const LATIN = /[A-Za-z]/;
const CYRILLIC_OR_GREEK = /[\u0370-\u03FF\u0400-\u04FF]/;
/** Cyrillic and Greek letters drawn like Latin ones. */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  α: 'a',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  ν: 'v',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
  Υ: 'Y',
  Ζ: 'Z',
};

/**
 * Typographic quotes, which Outlook, Teams and macOS type in place of `"` and `'`: read as the plain ones, so a
 * secret inside them is bounded like one inside ASCII quotes.
 */
const DOUBLE_QUOTES = /[“”„‟«»‹›「」『』〝〞＂]/g;
const SINGLE_QUOTES = /[‘’‚‛＇]/g;

/** Any character unmask would change: most lines have none, and then one scan is enough. */
const MASKING =
  /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF\uFF02\uFF07\uFF10-\uFF5A\u0370-\u04FF“”„‟«»‹›「」『』〝〞‘’‚‛]/;

/** Undoes disguises that would hide a key from the secret patterns, leaving real text in any script as it was. */

export function unmask(line: string): string {
  if (!MASKING.test(line)) return line;
  let out = line.replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'");
  if (INVISIBLE.test(out)) out = out.replace(INVISIBLE, '');
  if (FULLWIDTH.test(out))
    out = out.replace(/[\uFF10-\uFF19\uFF1D\uFF21-\uFF3A\uFF41-\uFF5A]+/g, (run) => run.normalize('NFKC'));
  if (CYRILLIC_OR_GREEK.test(out)) {
    out = out.replace(MIXED_WORD, (word) =>
      LATIN.test(word) && CYRILLIC_OR_GREEK.test(word) ? [...word].map((c) => CONFUSABLES[c] ?? c).join('') : word,
    );
  }
  return out;
}

/** Per-line clean-up shared by pastes and files: entities, URL-encoding (twice-encoded too), `+` between scopes in
 * `scope=`, and disguised keys. `+` is left alone elsewhere: turning it into a space could split a secret and let
 * half of it escape redaction. `ascii` says the line was read from bytes that are all ASCII. */
export function normalizeLine(line: string, ascii = false): string {
  let out = line.includes('&') ? decodeEntities(line) : line;
  if (out.includes('scope=') && out.includes('+')) out = out.replace(SCOPE_VALUE, (s) => s.replace(/\+/g, ' '));
  // `password%253D…` is `password%3D…` once decoded and `password=…` twice: three rounds cover what people paste.
  for (let round = 0; round < 3 && out.includes('%'); round++) {
    const next = decodePercents(out);
    if (next === out) break;
    out = next;
  }
  // Pure ASCII, as read and unchanged since: nothing for unmask to undo.
  return ascii && out === line ? out : unmask(out);
}
