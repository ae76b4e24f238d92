// A signature is a named pattern the scanner looks for on every line; rules ask whether, and where, it was seen.
// `hints` are literal fragments (matched case-insensitively) that any match must contain: lines with none of
// them skip the regular expressions entirely, which keeps big logs fast. Quantifiers are bounded everywhere so
// no pattern can backtrack for long on a hostile line.

import { hintIds } from './hints.js';

export interface Signature {
  name: string;
  re: RegExp;
  hints: string[];
  /** The hints' ids (see hints.ts): the signature is tried only on lines where one of them was found. */
  hintIds: number[];
  /**
   * Found on ordinary lines of a mail log (handler class names, screen names, common words). Such a signature is
   * looked for on the first lines of a file and on every line that has another hint, but its hints alone never send
   * a line of a big file to the slow path.
   */
  broad?: boolean;
}

/** Every signature made, here or in a rule file: the scanner looks for all of them, shared ones included. */
export const ALL_SIGNATURES: Signature[] = [];

/** A name is a signature's identity (evidence and tests refer to it): two signatures may not share one. */
export class DuplicateSignature extends Error {}

export function signature(name: string, re: RegExp, hints: string[], options: { broad?: boolean } = {}): Signature {
  const sig = { name, re, hints, hintIds: hintIds(hints), ...options };
  if (ALL_SIGNATURES.some((s) => s.name === name)) {
    throw new DuplicateSignature(`Two signatures are named "${name}"; rename one.`);
  }
  ALL_SIGNATURES.push(sig);
  return sig;
}

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
  /MailboxNotEnabledForRESTAPI|MailboxNotSupportedForRESTAPI|MailboxNotHostedInExchangeOnline|ErrorMissingEmailAddress|REST API is not yet supported for this mailbox|\bnot enabled for (?:the )?REST API\b|mailbox is either inactive, soft-deleted, or is hosted on-premise|hosted by an on-premise or non-Exchange server/i,
  ['restapi', 'rest api', 'soft-deleted', 'mailboxnothosted', 'non-exchange server', 'errormissingemailaddress'],
);
export const SHARED_MAILBOX = signature('shared-mailbox', /\bshared mailbox/i, ['shared mailbox']);
// IMAP / POP.
export const AUTHENTICATE_FAILED = signature(
  'authenticate-failed',
  /AUTHENTICATE failed|AuthenticationFailedException/i,
  ['authenticate failed', 'authenticationfailedexception'],
);
/** A sign-in refused in a mail library's own words; counts as IMAP's only where IMAP or POP is in play. */
export const AUTHENTICATION_FAILED_WORDS = signature(
  'authentication-failed-words',
  /(?<!client )\bAuthentication (?:failed|unsuccessful|error)\b|\bnot authenticated\b/i,
  ['authentication failed', 'authentication unsuccessful', 'authentication error', 'not authenticated'],
);
/** Exchange's answer to the IMAP LOGIN command, which carries a password: no OAuth client sends it. */
export const LOGIN_FAILED = signature(
  'login-failed',
  /\bLOGIN failed\b|\bNO\s{1,3}LOGIN\b|trying plain auth after auth failed|\bauth(?:mech)?\s{0,3}\[(?:LOGIN|PLAIN)\]/i,
  // Not 'auth' alone: every IMAP trace says AUTH=PLAIN and AUTH: XOAUTH2.
  ['login failed', 'no login', 'plain auth', 'auth[', 'auth [', 'authmech'],
);
/** A mail client that could not sign in or open the mailbox, in any client's words. */
export const MAIL_LOGIN_FAILURE = signature(
  'mail-login-failure',
  /\b(?:cannot|can'?t|could ?not|couldn'?t|unable to|fail(?:ed|s)? to)\s{1,3}(?:log ?in|sign ?in|connect|authenticate|open (?:the )?(?:IMAP )?(?:connection|stream|mailbox|inbox))\b|\bFailed to open IMAP connection\b|\bconnection setup failed\b|\bNoResponseError\b/i,
  ['cannot', "can't", 'cant', 'could not', 'couldnt', "couldn't", 'unable to', 'fail', 'noresponseerror'],
  { broad: true },
);
/** The client signs in with OAuth (XOAUTH2), not a password. A CAPABILITY line only offers it. */
export const XOAUTH2_USED = signature(
  'xoauth2-used',
  /AUTHENTICATE XOAUTH2|(?<!250[- ])\bAUTH XOAUTH2\b|\bXOAUTH2 (?:command|mechanism)|SaslMechanismOAuth2|\b(?:auth_?(?:method|type|mech\w{0,6})|sasl\w{0,10})\s{0,3}[:=]\s{0,3}["']?XOAUTH2/i,
  ['xoauth2', 'saslmechanismoauth2'],
);
export const BASIC_AUTH_MECH = signature(
  'basic-auth-mechanism',
  /AUTHENTICATE (?:PLAIN|LOGIN)\b|\bRetrying PLAIN authentication\b|\bLOGIN command (?:result|trace)|\bUSER [\w.@-]{1,80} PASS\b|\bauthentication method:? (?:Basic|Password)\b|^\W{0,4}(?:[A-Za-z]{1,5}\d{1,8}|\d{1,8}|[A-Za-z]\d{0,4})\s{1,3}LOGIN\s{1,3}"?[^\s"]{1,120}"?\s{1,3}\S|\.(?:Authenticate|Login)(?:Async)?\(\s{0,3}"[^"\n]{1,120}"\s{0,3},\s{0,3}"[^"\n]{1,200}"\s{0,3}\)|AuthenticationMechanisms\.Remove\(\s{0,3}"XOAUTH2"|\bimap_open\s{0,3}\(\s{0,3}["'][^"'\n]{1,200}["']\s{0,3},\s{0,3}[^,\n]{1,200},\s{0,3}[^,()\n]{1,200}\)/im,
  [
    'authenticate plain',
    'authenticate login',
    'retrying plain authentication',
    'login command',
    ' pass',
    'authentication method',
    ' login ',
    '.authenticate',
    '.login',
    'authenticationmechanisms',
    'imap_open',
  ],
);
/** The user or the log says the client signs in with a password (basic authentication). */
export const BASIC_AUTH_WORDS = signature(
  'basic-auth-words',
  /\bbasic auth(?:entication)?\b|\busername and password\b|\bapp(?:lication)?[\s-]passwords?\b/i,
  ['basic auth', 'username and password', 'app password', 'app-password', 'application password'],
);
/** The mailbox is in Microsoft 365, by its host or in the user's words. */
export const EXCHANGE_ONLINE_WORDS = signature(
  'exchange-online-words',
  /\b(?:Office|Outlook)\s?365\b|\bO365\b|\bsecurity defaults\b|\bMicrosoft\s{1,3}365\b|\bM365\b|\bExchange Online\b|\bEXO\b|\boutlook\.office(?:365)?\.com\b|\bhotmail\b|\boutlook\.com\b/i,
  ['office', 'o365', 'microsoft 365', 'm365', 'exchange online', 'exo', 'outlook', 'hotmail', 'security defaults'],
  { broad: true },
);
/** Exchange Server in the customer's own data centre: a password there is not the Exchange Online shutdown. */
export const ON_PREMISES = signature(
  'on-premises-exchange',
  /\bExchange\s{1,3}(?:Server\s{1,3})?20(?:07|10|13|16|19)\b|\bon-?prem(?:ise|ises)?\b|\bAUTH=(?:NTLM|GSSAPI)\b|\bAUTHENTICATE NTLM\b/i,
  ['exchange', 'on-prem', 'onprem', 'auth=ntlm', 'auth=gssapi', 'authenticate ntlm'],
);
/**
 * Scopes as Entra granted them: a token's `scp` claim or the `scope` of a token response. Entra never lists
 * offline_access there, even when it was asked for and a refresh token came back (Microsoft Q&A 806413), and `scp`
 * names scopes without their resource: neither absence says anything about what was asked for.
 */
export const GRANTED_SCOPES = signature(
  'granted-scopes',
  /["']scp["']\s{0,3}:|\bscp\s{0,3}[:=]\s{0,3}["']|["']scope["']\s{0,3}:\s{0,3}"[^"\n]{0,2000}"[^\n]{0,400}["'](?:access_token|token_type|expires_in)["']|["'](?:access_token|token_type|expires_in)["'][^\n]{0,4000}["']scope["']\s{0,3}:/i,
  ['scp', 'scope'],
);
/** The mail server is named (host=…, server: …) and is not one of Microsoft's: a password failure there is not EXO's. */
export const OTHER_MAIL_HOST = signature(
  'other-mail-host',
  /\b(?:host(?:name)?|server|imap[_.-]?host|mail[_.-]?server)\s{0,3}[=:]\s{0,3}["']?(?![a-z0-9.-]{0,200}(?:office365|outlook|microsoft(?:online)?|office)\.)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,6}\b/i,
  // Not 'host' alone (localhost-startStop-1, every HttpClient line) but the setting it is written as.
  ['host=', 'host:', 'host =', 'host :', 'server=', 'server:', 'server =', 'server :'],
);
/** A mail provider other than Microsoft: its failures are not ours to diagnose. */
export const OTHER_PROVIDER = signature(
  'other-provider',
  /\bG-?mail\b|\bgoogle(?:mail|apis)?\b|imap\.gmail\.com|\[AUTHENTICATIONFAILED\] Invalid credentials|Application-specific password required|\b534[- ]5\.7\.(?:9|14)\b|\bYahoo\b|\bYandex\b|\bZoho\b|\bmail\.ru\b|\bGMX\b|\biCloud\b|auth\.atlassian\.com|\bDovecot\b|\bCourier-IMAP\b|\bCyrus IMAP|\bZimbra\b/i,
  [
    'gmail',
    'g-mail',
    'google',
    '[authenticationfailed]',
    'application-specific',
    '534',
    'yahoo',
    'yandex',
    'zoho',
    'mail.ru',
    'gmx',
    'icloud',
    'auth.atlassian',
    'dovecot',
    'courier-imap',
    'cyrus imap',
    'zimbra',
  ],
);
/** Exchange accepted the sign-in, then refused to open the mailbox for it. */
export const NOT_CONNECTED = signature('authenticated-not-connected', /\bauth\w{0,8}ated,? but not connected\b/i, [
  'but not connected',
]);
export const EXCHANGE_IMAP_BANNER = signature(
  'exchange-imap-banner',
  /Microsoft Exchange (?:IMAP4|POP3) service is ready|outlook\.office365\.(?:com|us)/i,
  ['microsoft exchange', 'outlook.office365'],
);

// Network and TLS.
// Network failures in Java's, .NET's, Node's, PHP's and Python's words.
export const READ_TIMED_OUT = signature(
  'read-timed-out',
  /SocketTimeoutException|Read timed out|connect(?:ion)? timed out|\bETIMEDOUT\b|operation timed out|TimeoutError|connected party did not properly respond|did not respond properly/i,
  ['sockettimeout', 'timed out', 'etimedout', 'timeouterror', 'did not properly respond', 'did not respond properly'],
);
export const CONNECT_EXCEPTION = signature(
  'connect-exception',
  /java\.net\.ConnectException|Connection refused|actively refused|Unable to connect to (?:ssl|tls|tcp):\/\/|cannot connect to host|\bECONNREFUSED\b|NoRouteToHostException|Network is unreachable|\bEHOSTUNREACH\b|\bENETUNREACH\b/i,
  [
    'connectexception',
    'connection refused',
    'actively refused',
    'unable to connect to',
    'cannot connect to host',
    'econnrefused',
    'noroutetohost',
    'network is unreachable',
    'ehostunreach',
    'enetunreach',
  ],
);
export const UNKNOWN_HOST = signature(
  'unknown-host',
  /UnknownHostException|getaddrinfo|Name or service not known|No such host is known|remote name could not be resolved|\bENOTFOUND\b|\bEAI_AGAIN\b|Temporary failure in name resolution|could not resolve (?:host|endpoints)|Could not retrieve endpoints/i,
  [
    'unknownhost',
    'getaddrinfo',
    'name or service',
    'no such host',
    'could not be resolved',
    'enotfound',
    'eai_again',
    'name resolution',
    'could not resolve',
    'retrieve endpoints',
  ],
);
export const MAIL_PORT = signature(
  'mail-port',
  /:99[35]\b|\bport\W{0,6}99[35]\b|\b99[35]\b[^\n]{0,20}\bport\b|IMAPS?Store|POP3S?Store|(?:com\.sun|org\.eclipse\.angus)\.mail\.(?:imap|pop3)|\* BYE\b|Jakarta Mail Exception|\bimap_open\b|\bImapClient\b|\bIMAP\b/i,
  // Not 'port' alone (support@, Transport, report): every alternative naming a port names 993 or 995 too.
  [':99', '993', '995', 'store', 'com.sun.mail', 'angus.mail', '* bye', 'jakarta mail', 'imap'],
);
export const MS_HTTPS_HOST = signature(
  'ms-https-host',
  /login\.microsoftonline\.(?:com|us)|graph\.microsoft\.(?:com|us)|login\.windows\.net/i,
  ['login.microsoftonline', 'graph.microsoft', 'login.windows.net'],
);
/** The OAuth side of a mail client: its token calls go over HTTPS to Microsoft's login host. */
export const OAUTH_HTTPS_CALL = signature(
  'oauth-https-call',
  /\bmsal\w{0,10}|\bOAuth ?2?\b|\btoken endpoint\b|\/oauth2\/(?:v2\.0\/)?token\b|\bopenid[_-]config/i,
  ['msal', 'oauth', 'token endpoint', '/oauth2/', 'openid'],
  { broad: true },
);
// Which handler a log or a piece of advice belongs to.
// Text that is not about the incoming mail handler at all.
export const SMTP_OUTGOING = signature(
  'smtp-outgoing',
  /SMTPTransport|SMTPSendFailedException|(?:com\.sun|org\.eclipse\.angus)\.mail\.smtp|\b5[35]\d[ -]5\.7\.\d{1,3}|smtp\.office365\.com|SmtpClientAuthentication|\bSMTP\b|SMTPMailServerImpl|SendTestMail|\bsend(?:ing)?\s{1,3}(?:a\s{1,3}|the\s{1,3})?test\s{1,3}(?:e-?)?mail\b|\boutgoing (?:mail|e-?mail|server)\b/i,
  // Not 'outgoing' alone: every HttpClient wire line says http-outgoing-0.
  ['smtp', '5.7.', 'test', 'outgoing mail', 'outgoing email', 'outgoing e-mail', 'outgoing server'],
);
