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
/** "plain GCC" or "GCC moderate": the user is sure it is not GCC High, so the cloud question is settled. */
export const PLAIN_GCC_SURE = signature('plain-gcc-sure', /\bplain GCC\b|\bGCC[\s(,-]{0,3}moderate\b/i, ['gcc']);
export const PLAIN_GCC_MENTION = signature(
  'plain-gcc-mention',
  /\bGCC\b(?![\s-]{0,3}High)|Government Community Cloud(?![\s-]{0,3}High)/i,
  ['gcc', 'government community'],
);

// Entra ID wording that survives without a code (codes themselves are facts: see ctx.hasCode).
export const SECRET_EXPIRED_TEXT = signature(
  'secret-expired-text',
  /client secret keys[^\n]{0,80}are expired|InvalidClientSecretExpiredKeysProvided/i,
  ['client secret keys', 'invalidclientsecretexpired'],
);
export const INVALID_CLIENT_SECRET_TEXT = signature(
  'invalid-client-secret-text',
  /Invalid client secret (?:is )?provided|client secret value, not the client secret ID/i,
  ['invalid client secret', 'client secret value'],
);
export const TENANT_ID_MENTION = signature(
  'tenant-id-mention',
  /(?:tenant|directory)[\w ()'-]{0,30}[:=]?\s{0,3}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
  ['tenant', 'directory'],
);
export const NO_REFRESH_TOKEN = signature(
  'no-refresh-token',
  /\bno refresh[_ ]token\b|refresh[_ ]token (?:is )?(?:null|missing|empty|not (?:returned|available|present|found))|without a refresh token/i,
  ['refresh'],
);
export const INVALID_GRANT = signature('invalid-grant', /\binvalid_grant\b/, ['invalid_grant']);
export const INTERACTION_REQUIRED = signature(
  'interaction-required',
  /\binteraction_required\b|\binsufficient_claims\b/,
  ['interaction_required', 'insufficient_claims'],
);

// Jira and JSM umbrella messages: several causes end here, so they ask for the deciding line.
export const CONNECTION_TEST_FAILED = signature(
  'connection-test-failed',
  /The connection has failed\. Check the application logs/i,
  ['connection has failed'],
);
export const OAUTH_TOKEN_NOT_DEFINED = signature('oauth-token-not-defined', /OAuth token not defined for connection/i, [
  'oauth token not defined',
]);
export const COULDNT_CONNECT = signature('couldnt-connect-mail-server', /couldn'?t connect to your mail server/i, [
  'connect to your mail server',
]);
export const COULDNT_OPEN_INBOX = signature('couldnt-open-inbox', /couldn'?t open the folder '?inbox'?/i, [
  'open the folder',
]);

// Microsoft Graph responses.
export const GRAPH_ACCESS_DENIED = signature(
  'graph-access-denied',
  /ErrorAccessDenied|Access is denied\. Check credentials/i,
  ['erroraccessdenied', 'access is denied'],
);
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
export const ITEM_NOT_FOUND = signature('item-not-found', /ErrorItemNotFound/, ['erroritemnotfound']);
export const WRONG_MAILBOX_WORDS = signature(
  'wrong-mailbox-words',
  /\bwrong (?:mailbox|inbox|account|user)\b|\b(?:admin(?:'s|istrator's)?|my own|my personal) (?:mailbox|inbox)\b/i,
  ['wrong ', 'admin', 'my own', 'my personal'],
  { broad: true },
);
export const SHARED_MAILBOX = signature('shared-mailbox', /\bshared mailbox/i, ['shared mailbox']);
export const GRAPH_THROTTLED = signature(
  'graph-throttled',
  /\b429\b[^\n]{0,40}Too Many Requests|ApplicationThrottled|MailboxConcurrency|\bTooManyRequests\b/i,
  ['429', 'applicationthrottled', 'mailboxconcurrency', 'toomanyrequests'],
);
export const MALFORMED_TOKEN = signature(
  'malformed-token',
  /IDX14100|IDX10223|CompactToken (?:parsing|validation) failed|Lifetime validation failed|JWT is not well formed/i,
  ['idx14100', 'idx10223', 'compacttoken', 'lifetime validation', 'jwt is not well formed'],
);
export const UNREAD_SKIPPED_WORDS = signature(
  'unread-skipped-words',
  /\b(?:e-?mails?|messages?)\b[^\n]{0,60}\b(?:skipped|ignored|never (?:become|turn into|show up as|create)|(?:are|is|were|was) not (?:being )?(?:picked up|processed|converted|created|pulled))|\bbacklog\b|\b(?:read|opened) (?:them |it )?in (?:Outlook|OWA)\b/i,
  ['skipped', 'ignored', 'never ', 'not ', 'backlog', 'outlook', 'owa'],
);

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
export const PASSWORD_SET = signature('password-set', /\bpassword=(?!null\b)\S/i, ['password=']);
export const IMAP_DISABLED_WORDS = signature(
  'imap-disabled-words',
  /\b(?:Imap|Pop)Enabled\s{0,3}[:=]?\s{0,3}(?:\$?False)\b|\b(?:IMAP|POP3?) (?:access )?is (?:disabled|turned off)\b/i,
  ['enabled', 'disabled', 'turned off'],
);
export const IMAP_THROTTLED = signature('imap-throttled', /Request is throttled\. Suggested Backoff Time/i, [
  'throttled',
]);
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
export const PKIX = signature(
  'pkix',
  /PKIX path building failed|unable to find valid certification path|SunCertPathBuilderException|SSLHandshakeException/i,
  ['pkix', 'certification path', 'suncertpath', 'sslhandshake'],
);

// Which handler a log or a piece of advice belongs to (knowledge §2).
export const JIRA_HANDLER_LOG = signature(
  'jira-handler-log',
  /MailFetcherService|Mail Handler\[\d{1,8}\]/i,
  ['mailfetcherservice', 'mail handler['],
  { broad: true },
);
export const JSM_HANDLER_LOG = signature(
  'jsm-handler-log',
  /MailPullerWorker|jira-email-processor-plugin|com\.atlassian\.mail\.msgraph/i,
  ['mailpullerworker', 'jira-email-processor', 'msgraph'],
  { broad: true },
);
export const GRAPH_ADVICE = signature(
  'graph-advice',
  /\bMicrosoft Graph(?: API)?\b|\bGraph (?:protocol|API|KB|article)\b|(?<![\w./])Mail\.ReadWrite\b/i,
  ['graph', 'mail.readwrite'],
  { broad: true },
);
export const JIRA_SCREEN_WORDS = signature(
  'jira-screen-words',
  /System\s{0,3}>\s{0,3}Incoming (?:e-?)?mail|\bIncoming Mail (?:page|screen|handler|settings)\b|Add incoming mail handler/i,
  ['incoming'],
  { broad: true },
);
export const JSM_SCREEN_WORDS = signature(
  'jsm-screen-words',
  /\bEmail requests\b|Project settings\s{0,3}>\s{0,3}Email/i,
  ['email requests', 'project settings'],
  { broad: true },
);

// Text that is not about the incoming mail handler at all (knowledge §8).
export const SMTP_OUTGOING = signature(
  'smtp-outgoing',
  /SMTPTransport|SMTPSendFailedException|com\.sun\.mail\.smtp|\b535[ -]5\.7\.\d{1,3}|smtp\.office365\.com|SmtpClientAuthentication/i,
  ['smtp', '535'],
);
export const STARTUP_FAILURE = signature(
  'startup-failure',
  /JIRA startup failed|Jira start-?up failed|Confluence (?:start-?up failed|is vacant)|Spring application context has not been created|Johnson event|LockedDatabaseOfBizDelegator|Unable to start (?:JIRA|Jira|Confluence)|Failed to start component|PluginException|Plugin [^\n]{0,80} failed to (?:start|enable)/i,
  [
    'startup',
    'start-up',
    'vacant',
    'spring application context',
    'johnson',
    'lockeddatabase',
    'unable to start',
    'failed to start',
    'pluginexception',
    'failed to enable',
  ],
);
