// A signature is a named pattern the scanner looks for on every line; rules ask whether, and where, it was seen.
// `hints` are literal fragments (matched case-insensitively) that any match must contain: lines with none of
// them skip the regular expressions entirely, which keeps big logs fast. Quantifiers are bounded everywhere so
// no pattern can backtrack for long on a hostile line.

export interface Signature {
  name: string;
  re: RegExp;
  hints: string[];
}

export const signature = (name: string, re: RegExp, hints: string[]): Signature => ({ name, re, hints });

export const INVALID_AUDIENCE = signature('invalid-audience', /Invalid audience/i, ['audience']);
export const INVALID_AUTH_TOKEN = signature('invalid-authentication-token', /InvalidAuthenticationToken/, [
  'InvalidAuthenticationToken',
]);
export const GRAPH_MAIL_CALL = signature(
  'graph-mail-call',
  /graph\.microsoft\.(?:com|us)\/v1\.0\/me\/mailFolders|MicrosoftGraphMailClient|com\.atlassian\.mail\.msgraph/,
  ['graph.microsoft', 'MicrosoftGraphMailClient', 'msgraph'],
);
export const GRAPH_PREFIXED_SCOPE = signature(
  'graph-prefixed-scope',
  /https:\/\/graph\.microsoft\.com\/(?:Mail\.|User\.|MailboxSettings\.|offline_access|\.default)/,
  ['graph.microsoft.com/'],
);
export const OUTLOOK_SCOPE = signature(
  'outlook-scope',
  /https:\/\/outlook\.office(?:365)?\.(?:com|us)\/(?:IMAP|POP|EWS|SMTP)\.[A-Za-z.]{1,30}/,
  ['outlook.office'],
);
export const BARE_GRAPH_SCOPES = signature(
  'bare-graph-scopes',
  /(?<![\w./])Mail\.ReadWrite(?![\w.])[^\n]{0,40}(?<![\w./])offline_access\b|(?<![\w./])offline_access[^\n]{0,40}(?<![\w./])Mail\.ReadWrite(?![\w.])/,
  ['offline_access'],
);
export const SOVEREIGN_MENTION = signature(
  'sovereign-mention',
  /\bGCC[\s-]{0,3}High\b|\bGCCH\b|\bDoD\b|\bIL5\b|Department of Defen[cs]e|21\s?Vianet|login\.microsoftonline\.us|(?:dod-)?graph\.microsoft\.us|outlook\.office365\.us|portal\.azure\.us|login\.chinacloudapi\.cn/i,
  ['gcc', 'dod', 'il5', 'defen', 'vianet', '.us', 'chinacloudapi'],
);
export const PLAIN_GCC_MENTION = signature(
  'plain-gcc-mention',
  /\bGCC\b(?![\s-]{0,3}High)|Government Community Cloud(?![\s-]{0,3}High)/i,
  ['gcc', 'government community'],
);
