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

/** Slack mrkdwn and Teams HTML → plain text. Applied to whole pastes, not to log files. */
export function normalizeChat(text: string): string {
  let out = text;
  if (out.includes('<')) {
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

/** Per-line clean-up shared by pastes and files: entities, URL-encoding, and `+` between scopes in `scope=`.
 * `+` is left alone elsewhere: turning it into a space could split a secret and let half of it escape redaction. */
export function normalizeLine(line: string): string {
  let out = line.includes('&') ? decodeEntities(line) : line;
  if (out.includes('scope=') && out.includes('+')) out = out.replace(SCOPE_VALUE, (s) => s.replace(/\+/g, ' '));
  if (out.includes('%')) out = out.replace(PERCENT_RUN, decodePercentRun);
  return out;
}
