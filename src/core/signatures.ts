// A signature is a named pattern the scanner looks for on every line; rules ask whether, and where, it was seen.
// `hints` are literal fragments (matched case-insensitively) that any match must contain: lines with none of
// them skip the regular expressions entirely, which keeps big logs fast. Quantifiers are bounded everywhere so
// no pattern can backtrack for long on a hostile line.

export interface Signature {
  name: string;
  re: RegExp;
  hints: string[];
  /**
   * Found on ordinary lines of a mail log (handler class names, screen names, common words). Such a signature is
   * looked for on the first lines of a file and on every line that has another hint, but its hints alone never send
   * a line of a big file to the slow path.
   */
  broad?: boolean;
}

export const signature = (name: string, re: RegExp, hints: string[], options: { broad?: boolean } = {}): Signature => ({
  name,
  re,
  hints,
  ...options,
});

export const INVALID_AUDIENCE = signature('invalid-audience', /Invalid audience/i, ['audience']);
export const GRAPH_MAIL_CALL = signature(
  'graph-mail-call',
  /graph\.microsoft\.(?:com|us)\/v1\.0\/me\/mailFolders|MicrosoftGraphMailClient|com\.atlassian\.mail\.msgraph/,
  ['graph.microsoft', 'MicrosoftGraphMailClient', 'msgraph'],
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
/** "plain GCC" or "GCC moderate": the user is sure it is not GCC High, so the cloud question is settled. */
export const PLAIN_GCC_SURE = signature('plain-gcc-sure', /\bplain GCC\b|\bGCC[\s(,-]{0,3}moderate\b/i, ['gcc']);
// Entra ID wording that survives without a code (codes themselves are facts: see ctx.hasCode).
// Jira and JSM umbrella messages: several causes end here, so they ask for the deciding line.
export const CONNECTION_TEST_FAILED = signature(
  'connection-test-failed',
  /The connection has failed\. Check the application logs/i,
  ['connection has failed'],
);
export const COULDNT_CONNECT = signature('couldnt-connect-mail-server', /couldn'?t connect to your mail server/i, [
  'connect to your mail server',
]);
export const COULDNT_OPEN_INBOX = signature('couldnt-open-inbox', /couldn'?t open the folder '?inbox'?/i, [
  'open the folder',
]);

// Microsoft Graph responses.
export const ODATA_DISABLED = signature(
  'odata-disabled',
  /Access to OData is disabled|\[RAOP\]|AppOnly AccessPolicy/i,
  ['odata', 'raop', 'accesspolicy'],
);
export const REST_NOT_ENABLED = signature(
  'rest-not-enabled',
  /MailboxNotEnabledForRESTAPI|MailboxNotSupportedForRESTAPI|REST API is not yet supported for this mailbox|mailbox is either inactive, soft-deleted, or is hosted on-premise/i,
  ['restapi', 'rest api', 'soft-deleted'],
);
export const SHARED_MAILBOX = signature('shared-mailbox', /\bshared mailbox/i, ['shared mailbox']);
// IMAP / POP.
export const AUTHENTICATE_FAILED = signature(
  'authenticate-failed',
  /AUTHENTICATE failed|AuthenticationFailedException/i,
  ['authenticate failed', 'authenticationfailedexception'],
);
export const XOAUTH2_USED = signature('xoauth2-used', /AUTHENTICATE XOAUTH2|\bXOAUTH2 (?:command|mechanism)/i, [
  'xoauth2',
]);
export const BASIC_AUTH_MECH = signature(
  'basic-auth-mechanism',
  /AUTHENTICATE (?:PLAIN|LOGIN)\b|\bLOGIN command (?:result|trace)|\bUSER [\w.@-]{1,80} PASS\b|\bauthentication method:? (?:Basic|Password)\b/i,
  ['authenticate plain', 'authenticate login', 'login command', ' pass', 'authentication method'],
);
export const BASIC_AUTH_WORDS = signature(
  'basic-auth-words',
  /\bbasic auth(?:entication)?\b|\busername and password\b/i,
  ['basic auth', 'username and password'],
);
export const EXCHANGE_IMAP_BANNER = signature(
  'exchange-imap-banner',
  /Microsoft Exchange (?:IMAP4|POP3) service is ready|outlook\.office365\.(?:com|us)/i,
  ['microsoft exchange', 'outlook.office365'],
);

// Network and TLS.
export const READ_TIMED_OUT = signature('read-timed-out', /SocketTimeoutException|Read timed out|connect timed out/i, [
  'sockettimeout',
  'timed out',
]);
export const CONNECT_EXCEPTION = signature(
  'connect-exception',
  /java\.net\.ConnectException|Connection refused|NoRouteToHostException|Network is unreachable/i,
  ['connectexception', 'connection refused', 'noroutetohost', 'network is unreachable'],
);
export const UNKNOWN_HOST = signature('unknown-host', /UnknownHostException/, ['unknownhost']);
export const MAIL_PORT = signature(
  'mail-port',
  /:99[35]\b|\bport:? 99[35]\b|IMAPS?Store|POP3S?Store|com\.sun\.mail\.(?:imap|pop3)|\* BYE\b|Jakarta Mail Exception/i,
  [':99', 'port', 'store', 'com.sun.mail', '* bye', 'jakarta mail'],
);
export const MS_HTTPS_HOST = signature(
  'ms-https-host',
  /login\.microsoftonline\.(?:com|us)|graph\.microsoft\.(?:com|us)|login\.windows\.net/i,
  ['login.microsoftonline', 'graph.microsoft', 'login.windows.net'],
);
// Which handler a log or a piece of advice belongs to.
// Text that is not about the incoming mail handler at all.
export const SMTP_OUTGOING = signature(
  'smtp-outgoing',
  /SMTPTransport|SMTPSendFailedException|com\.sun\.mail\.smtp|\b535[ -]5\.7\.\d{1,3}|smtp\.office365\.com|SmtpClientAuthentication/i,
  ['smtp', '535'],
);
