import { cloudOfHost } from './clouds.js';
import { EVERY_PATTERN, type HintGate, hintIds } from './hints.js';
import { snippet } from './snippet.js';
import { MAX_STATEMENTS, StatementCollector } from './statements.js';
import type { Cloud, CloudHint, Facts, Grant, Handler, JiraRelease, Protocol, TokenFacts } from './types.js';

// What the text tells about the setup, independent of any one failure mode. Each extractor names the literal
// fragments it needs (see FACT_HINTS) so the scanner can skip lines that cannot contribute.

export const MAX_ITEMS = 50;

interface Cue<T> {
  value: T;
  re: RegExp;
  /** Any match contains one of these (see hints.ts); the pattern runs only on lines that hold one. */
  hints: number[];
}

/** Log classes and hosts weigh 3, the user's own words 1: a log beats the advice being followed. */
const PROTOCOL_CUES: (Cue<Protocol> & { weight: number })[] = [
  {
    value: 'graph',
    weight: 3,
    hints: hintIds(['graph', '/v1.0/me/mailfolders']),
    re: /MicrosoftGraphMailClient|com\.atlassian\.mail\.msgraph|GraphServiceException|graph-java\/v\d|\/v1\.0\/me\/mailFolders/i,
  },
  { value: 'graph', weight: 1, hints: hintIds(['graph']), re: /Microsoft Graph API|\bGraph protocol\b/i },
  {
    value: 'imap',
    weight: 3,
    hints: hintIds(['com.sun.mail.i', 'angus.mail.i', 'imap', ':993', 'open the folder', 'request is throttled']),
    re: /(?:com\.sun|org\.eclipse\.angus)\.mail\.(?:imap|iap)|\bIMAPS?Store\b|\bIMAPS?:|Exchange IMAP4|:993\b|couldn'?t open the folder|Request is throttled\. Suggested Backoff/i,
  },
  { value: 'imap', weight: 1, hints: hintIds(['imap']), re: /\bIMAP4\b|\bIMAP\b(?![.\w])/ },
  {
    value: 'pop',
    weight: 3,
    hints: hintIds(['pop3', ':995']),
    re: /(?:com\.sun|org\.eclipse\.angus)\.mail\.pop3|\bPOP3S?Store\b|:995\b/,
  },
  { value: 'pop', weight: 1, hints: hintIds(['pop']), re: /\bPOP3S?\b|\bPOP\b(?![.\w])/ },
];

const HANDLER_CUES: (Cue<Handler> & { weight: number })[] = [
  {
    value: 'jsm',
    weight: 3,
    hints: hintIds([
      'mailpullerworker',
      'jira-email-processor-plugin',
      'atlassian-jira-incoming-mail.log',
      'com.atlassian.jira.internal.mail.processor',
      'microsoftgraphmailclient',
      'com.atlassian.mail.msgraph',
      'oauth token not defined for connection',
      'open the folder',
      'connect to your mail server',
    ]),
    re: /MailPullerWorker|jira-email-processor-plugin|atlassian-jira-incoming-mail\.log|com\.atlassian\.jira\.internal\.mail\.processor|MicrosoftGraphMailClient|com\.atlassian\.mail\.msgraph|OAuth token not defined for connection|couldn'?t open the folder|couldn'?t connect to your mail server/i,
  },
  {
    value: 'jsm',
    weight: 1,
    hints: hintIds(['email requests', 'service management mail handler', 'jsm']),
    re: /\bEmail requests\b|Service Management mail handler|\bJSM\b/i,
  },
  {
    value: 'jira',
    weight: 3,
    hints: hintIds(['mailfetcherservice', 'mail handler[']),
    re: /MailFetcherService|mailfetcherservice|Mail Handler\[\d{1,8}\]/i,
  },
  {
    value: 'jira',
    weight: 1,
    hints: hintIds(['incoming', 'mail handler']),
    re: /System\s{0,3}>\s{0,3}Incoming (?:e-?)?mail|Jira(?:'s)? (?:incoming )?mail handler/i,
  },
];

/**
 * How the app signs in, as the request or Jira's own screen shows it (the user's words are statements, read in
 * finish): `grant_type=client_credentials` is app-only; `authorization_code` and `refresh_token` are delegated.
 */
const GRANT_TYPE = /\bgrant_type["']?\s{0,3}[=:]\s{0,3}["']?(client_credentials|authorization_code|refresh_token)\b/i;

/**
 * Which Jira the text comes from: a Data Center version in a log, a footer or the user's words ("Jira 9.12.3",
 * "JSM 5.17", "Jira Service Management 10.3", `10.3.12#10030012`), or Jira Cloud / JSM Cloud.
 */
const JIRA_VERSION =
  /\b(?:Jira|JIRA)(?:\s{1,3}(?:Software|Core|Service\s{1,3}Management|Service\s{1,3}Desk|Data\s{1,3}Center|DC|Server))*\s{0,3}(?:version\s{0,3}[:=]?\s{0,3})?v?(\d{1,2})\.(\d{1,2})(?:\.\d{1,3})?\b|\b(JSM|Jira Service Management|JSD)\s{1,3}(?:Data\s{1,3}Center\s{1,3}|DC\s{1,3}|Server\s{1,3})?v?(\d{1,2})\.(\d{1,2})\b|\b(\d{1,2})\.(\d{1,2})\.\d{1,3}#\d{5,9}\b|atlassian-(?:jira|servicedesk)-[a-z-]{0,20}?(\d{1,2})\.(\d{1,2})\.\d{1,3}\b/;
const JIRA_CLOUD = /\bJira (?:Service Management |Software )?Cloud\b|\bJSM Cloud\b|\b[\w-]{1,60}\.atlassian\.net\b/i;

/** A JSM version read as the Jira it ships with: JSM 4.x and 5.x are Jira 8.x and 9.x; from 10, they match. */
function jiraOfJsm(major: number, minor: number): { major: number; minor: number } {
  if (major === 5) return { major: 9, minor };
  if (major === 4) return { major: 8, minor };
  return { major, minor };
}

/** The user's own words about the tenant's cloud. Order matters: "GCC High" and "non-GCC" must win over "GCC". */
const CLOUD_WORDS: Cue<Cloud>[] = [
  { value: 'gcc-high', hints: hintIds(['gcc', 'dodcon']), re: /\bGCC[\s-]{0,3}High\b|\bGCCH\b|\bDODCON\b/gi },
  // Case matters for DoD: "dod-contractor" or a host name is not the user naming the cloud.
  {
    value: 'dod',
    hints: hintIds(['dod', 'il5', 'defen']),
    re: /\b(?:DoD|DOD)\b(?![-.])|\bIL5\b|[Dd]epartment of [Dd]efen[cs]e/g,
  },
  {
    value: 'worldwide',
    hints: hintIds(['worldwide', 'commercial', 'gcc', 'regular microsoft account']),
    re: /\bworldwide (?:cloud|tenant|endpoints)\b|\bcommercial (?:cloud|tenant)\b|\bnon[\s-]GCC\b|regular Microsoft account/gi,
  },
  {
    value: 'gcc',
    hints: hintIds(['gcc', 'government community cloud']),
    re: /\bGCC\b(?![\s-]{0,3}High)|Government Community Cloud(?![\s-]{0,3}High)/gi,
  },
  { value: 'china', hints: hintIds(['vianet', 'china']), re: /21\s?Vianet|\bAzure China\b|\bChina cloud\b/gi },
];
const NEGATED = /\b(?:not|isn't|aren't|never|no longer)\s{1,3}(?:on\s{1,3}|in\s{1,3}|a\s{1,3})?$/i;

/** The first cloud the line names without denying it ("we are not GCC High, just plain GCC" names GCC). */
function spokenCloud(line: string, gate: HintGate): Cloud | null {
  for (const cue of CLOUD_WORDS) {
    if (!gate.any(cue.hints)) continue;
    for (const m of line.matchAll(cue.re)) {
      if (!NEGATED.test(line.slice(Math.max(0, m.index - 24), m.index))) return cue.value;
    }
  }
  return null;
}

// A host name ends in one of Microsoft's domains. A match may only start where a name starts (not inside a label), so
// a line of millions of label characters is read once, not once per position.
export const HOST =
  /(?<![a-z0-9.-])(?:[a-z0-9-]{1,63}\.){1,6}(?:microsoftonline\.(?:com|us|cn)|microsoft\.(?:com|us)|office365?\.(?:com|us)|outlook\.(?:com|cn)|chinacloudapi\.cn|azure\.(?:com|us|cn)|windows\.net)\b/gi;
/** The same pattern, tried only where a name starts (see hostsIn). */
const HOST_AT = new RegExp(HOST.source, 'iy');
/** Where a Microsoft domain ends a name; the full pattern then runs once, from the start of that name. */
const HOST_SUFFIX = /(?:microsoftonline|microsoft|office365?|outlook|chinacloudapi|azure|windows)\./gi;
const isNameCharacter = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;

/**
 * HOST's matches, found without running it at every position of a long line: a match can only start where a run of
 * name characters starts (its look-behind says so), and ends in one of the domains, so each run holding a domain is
 * tried once, from its start. The same matches as line.matchAll(HOST).
 */
function hostsIn(line: string): string[] {
  const hosts: string[] = [];
  HOST_SUFFIX.lastIndex = 0;
  let done = 0;
  for (let m = HOST_SUFFIX.exec(line); m; m = HOST_SUFFIX.exec(line)) {
    if (m.index < done) continue;
    let start = m.index;
    while (start > 0 && isNameCharacter(line.charCodeAt(start - 1))) start--;
    let end = m.index + m[0].length;
    while (end < line.length && isNameCharacter(line.charCodeAt(end))) end++;
    done = end;
    HOST_AT.lastIndex = start;
    const host = HOST_AT.exec(line);
    if (host) hosts.push(host[0]);
    HOST_SUFFIX.lastIndex = Math.max(HOST_SUFFIX.lastIndex, end);
  }
  return hosts;
}

const ENDPOINT = /https:\/\/login\.[a-z0-9.-]{1,60}\/[A-Za-z0-9.-]{1,80}\/oauth2\/(?:v2\.0\/)?(?:authorize|token)\b/g;
// A scope may carry its resource with or without the scheme ("graph.microsoft.com/Mail.ReadWrite"); a full stop
// after it ends a sentence, not the name.
const SCOPE_TOKEN =
  /(?<![\w./-])(?:(?:https?:\/\/)?[a-z0-9-]{1,40}(?:\.[a-z0-9-]{1,40}){1,5}\/)?(?:Mail\.(?:ReadWrite|Read|Send)(?:\.Shared)?|MailboxSettings\.Read(?:Write)?|User\.Read(?:\.All)?|IMAP\.AccessAsUser\.All|POP\.AccessAsUser\.All|SMTP\.Send|EWS\.AccessAsUser\.All|offline_access|\.default)(?!\w|\.\w)/g;
/** A comma counts as a scope separator only when another scope follows it, not in prose ("…offline_access, and"). */
const SCOPE_AFTER_COMMA =
  /^\s{0,3},\s{0,3}(?:(?:https?:\/\/)?[a-z0-9.-]{1,60}\/)?(?:Mail\.|User\.|IMAP\.|POP\.|SMTP\.|EWS\.|MailboxSettings\.|offline_access|openid|profile|email\b)/;
const SCOPE_CONTEXT =
  /\bscopes?\b\s{0,3}[:=]?\s{0,3}["']?(openid|profile|email)(?:[\s,+]{1,3}(openid|profile|email)){0,2}/gi;
const AADSTS = /\bAADSTS(\d{4,7})\b/gi;
/**
 * Entra's own error JSON carries the codes without the AADSTS prefix: `"error_codes":[700082]` (or Ruby's `=>`), and
 * `login.microsoftonline.com/error?code=700082`. Clients that print only the body still name the code this way.
 */
const ENTRA_CODE_FIELDS =
  /["']error_codes["']\s{0,3}(?::|=>)\s{0,3}\[\s{0,3}(\d{4,7})(?:\s{0,3},\s{0,3}(\d{4,7}))?(?:\s{0,3},\s{0,3}(\d{4,7}))?|login\.(?:microsoftonline|partner\.microsoftonline)\.(?:com|us|cn)\/error\?code=(\d{4,7})\b/gi;
const GRAPH_CODES =
  /\b(InvalidAuthenticationToken|ErrorAccessDenied|MailboxNotEnabledForRESTAPI|MailboxNotSupportedForRESTAPI|ApplicationThrottled|ErrorItemNotFound|TooManyRequests|interaction_required|insufficient_claims|invalid_grant|invalid_client|unauthorized_client|invalid_scope)\b/g;
const EXCEPTION = /\b((?:[a-z][\w$]{0,60}\.){0,12}[A-Z][\w$]{0,80}(?:Exception|Error))\b/g;

/** What each extractor in FactCollector.add needs on a line (any match contains one of these). */
const NEEDS = {
  host: hintIds([
    'microsoftonline',
    'microsoft.',
    'office365',
    'office.',
    'outlook.',
    'chinacloudapi',
    'azure.',
    'windows.net',
  ]),
  endpoint: hintIds(['oauth2/']),
  scope: hintIds([
    'mail.read',
    'mail.send',
    'mailboxsettings.read',
    'user.read',
    'imap.accessasuser',
    'pop.accessasuser',
    'smtp.send',
    'ews.accessasuser',
    'offline_access',
    '.default',
  ]),
  scopeContext: hintIds(['scope']),
  aadsts: hintIds(['aadsts']),
  entraCodeField: hintIds(['error_codes', '/error?code=']),
  graphCode: hintIds([
    'invalidauthenticationtoken',
    'erroraccessdenied',
    'mailboxnotenabledforrestapi',
    'mailboxnotsupportedforrestapi',
    'applicationthrottled',
    'erroritemnotfound',
    'toomanyrequests',
    'interaction_required',
    'insufficient_claims',
    'invalid_grant',
    'invalid_client',
    'unauthorized_client',
    'invalid_scope',
  ]),
  exception: hintIds(['exception', 'error']),
  grantType: hintIds(['grant_type']),
  jira: hintIds(['jira', 'jsm', 'jsd', 'service management', 'atlassian.net']),
  mailbox: hintIds(['mail', 'user', 'login', 'account', 'authori', 'signed in']),
};

// Only an address given as the mailbox or the signing-in user names the tenant; a customer's address in a log does not.
const MAILBOX =
  /\b(?:mail\s?box|user(?:name)?|login|account|e-?mail address|authori[sz]ed as|signed in as)\b["']?\s{0,3}[:=]?\s{0,3}["']?[a-z0-9._%+-]{1,64}@((?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,63})\b/gi;
// Addresses in these domains name a vendor or an example, not the mailbox's tenant.
const NOT_A_TENANT_DOMAIN =
  /(?:^|\.)(?:atlassian\.(?:com|net)|microsoft\.com|example\.(?:com|org|net)|invalid|localhost)$/;

// No '@' hint: Java object ids (Foo@1a2b) would send most lines down the slow path. Addresses are read from lines
// that carry another hint, and from every line of a short paste.
/** Words that only name the handler or protocol. They are on nearly every line of a mail log, so after the first
 * lines of a big file the scanner stops looking for them alone (see Scanner); any line with another hint still votes. */
export const CUE_HINTS = [
  'graph',
  'mail',
  'imap',
  'pop',
  ':99',
  'jsm',
  'email requests',
  'incoming',
  'service management',
];

export const FACT_HINTS = [
  ...CUE_HINTS,
  'gcc',
  'dod',
  'il5',
  'defen',
  'government',
  'vianet',
  'china',
  'worldwide',
  'commercial',
  'regular microsoft',
  // Not 'microsoft' alone: every mailbox address in a tenant's default domain ends in onmicrosoft.com.
  'microsoftonline',
  '.microsoft.',
  '.office',
  'outlook',
  'windows.net',
  'azure',
  'chinacloudapi',
  'scope',
  'offline_access',
  'user.read',
  // Scope names alone on a line ("mail" itself is a cue word, too common to be a hint).
  'mail.read',
  'mail.send',
  'mailboxsettings',
  'imap.',
  'pop.',
  'smtp.',
  // With its resource, as a log writes it (URL-encoded: '%2'); '.default' alone is in logger names (.DefaultIndexManager).
  '/.default',
  'aadsts',
  'exception',
  'error',
  'denied',
  'throttled',
  'toomanyrequests',
  'interaction_required',
  'insufficient_claims',
  'invalid_',
  'unauthorized_client',
];

/** What a line said for a protocol or a handler, and how strongly. */
export interface Vote {
  protocol?: Protocol;
  handler?: Handler;
  weight: number;
}

/** Adds a value once; false when the list is full (the answer then says only the first ones were kept). */
function addUnique(list: string[], value: string): boolean {
  if (list.includes(value)) return true;
  if (list.length >= MAX_ITEMS) return false;
  list.push(value);
  return true;
}

/** What a FactCollector gathered from one range of a log, for another to take in (split.ts in src/scan). */
export interface FactsPart {
  protocolVotes: Map<Protocol, number>;
  handlerVotes: Map<Handler, number>;
  hostLines: Map<string, number>;
  facts: Facts;
  statements: Facts['statements'];
  grantSeen: Grant | undefined;
  codeLines: Map<string, { line: number; text: string }>;
  full: Set<ListName>;
  commasBetweenScopes: boolean;
}

const LISTS = [
  ['scopes', 'scopes'],
  ['hosts', 'hosts'],
  ['endpoints', 'endpoints'],
  ['errorCodes', 'error codes'],
  ['exceptions', 'exception names'],
  ['mailboxDomains', 'mailbox domains'],
] as const;
/** The name a capped list goes by when it is full (said in the answer's notes). */
type ListName = (typeof LISTS)[number][1];

export class FactCollector {
  private protocolVotes = new Map<Protocol, number>();
  private hostLines = new Map<string, number>();
  private handlerVotes = new Map<Handler, number>();
  readonly facts: Facts = {
    protocol: null,
    handler: null,
    cloud: null,
    cloudHints: [],
    scopes: [],
    hosts: [],
    endpoints: [],
    errorCodes: [],
    exceptions: [],
    mailboxDomains: [],
    statements: [],
  };
  private readonly said = new StatementCollector();
  private grantSeen: Grant | undefined;
  /** Line numbers where each error code was first seen, so rules can show it as evidence. */
  readonly codeLines = new Map<string, { line: number; text: string }>();
  /** Which lists reached their cap: every collection that grows with the input has one. */
  readonly full = new Set<ListName>();
  commasBetweenScopes = false;

  hintCloud(cloud: Cloud, source: CloudHint['source'], line: number, tenant?: string) {
    const hints = this.facts.cloudHints;
    if (hints.length < MAX_ITEMS && !hints.some((h) => h.cloud === cloud && h.source === source)) {
      hints.push(tenant ? { cloud, source, line, tenant } : { cloud, source, line });
    }
  }

  /** Keeps the first token for Graph or Exchange; any other token (an ID token, another API) only until one comes. */
  token(claims: Omit<TokenFacts, 'line'>, line: number) {
    const current = this.facts.token;
    if (current && (current.resource !== 'other' || claims.resource === 'other')) return;
    this.facts.token = { ...claims, line };
    if (claims.cloud && claims.resource !== 'other') this.hintCloud(claims.cloud, 'token', line);
  }

  /**
   * Reads a line. Votes are the only thing a line adds each time it is read; everything else is kept once (the first
   * value, a capped list), so the scanner can replay a repeated line by its votes alone: `votes` receives them.
   * `stamp` is the line's timestamp, which the scanner reads past but evidence shows.
   */
  add(line: string, lineNo: number, gate: HintGate = EVERY_PATTERN, votes?: Vote[], stamp = '') {
    for (const cue of PROTOCOL_CUES) {
      if (gate.any(cue.hints) && cue.re.test(line)) {
        this.vote({ protocol: cue.value, weight: cue.weight });
        votes?.push({ protocol: cue.value, weight: cue.weight });
      }
    }
    for (const cue of HANDLER_CUES) {
      if (gate.any(cue.hints) && cue.re.test(line)) {
        this.vote({ handler: cue.value, weight: cue.weight });
        votes?.push({ handler: cue.value, weight: cue.weight });
      }
    }
    this.said.add(line, lineNo, gate);
    const said = spokenCloud(line, gate);
    if (said) this.hintCloud(said, 'words', lineNo);
    if (gate.any(NEEDS.host)) {
      for (const found of hostsIn(line)) {
        const host = found.toLowerCase();
        if (!addUnique(this.facts.hosts, host)) this.full.add('hosts');
        else if (!this.hostLines.has(host)) this.hostLines.set(host, lineNo);
      }
    }
    if (gate.any(NEEDS.endpoint)) {
      for (const m of line.matchAll(ENDPOINT)) if (!addUnique(this.facts.endpoints, m[0])) this.full.add('endpoints');
    }
    if (gate.any(NEEDS.scope)) for (const m of line.matchAll(SCOPE_TOKEN)) this.addScope(m[0], lineNo, line, m.index);
    if (gate.any(NEEDS.scopeContext)) {
      for (const m of line.matchAll(SCOPE_CONTEXT)) {
        for (const s of m.slice(1)) if (s) this.addScope(s.toLowerCase(), lineNo, line, m.index);
      }
    }
    if (gate.any(NEEDS.aadsts))
      for (const m of line.matchAll(AADSTS)) this.addCode(`AADSTS${m[1]}`, lineNo, line, m.index, stamp);
    if (gate.any(NEEDS.entraCodeField)) {
      for (const m of line.matchAll(ENTRA_CODE_FIELDS)) {
        for (const code of m.slice(1)) if (code) this.addCode(`AADSTS${code}`, lineNo, line, m.index, stamp);
      }
    }
    if (gate.any(NEEDS.graphCode)) {
      for (const m of line.matchAll(GRAPH_CODES)) this.addCode(m[1] ?? m[0], lineNo, line, m.index, stamp);
    }
    if (gate.any(NEEDS.exception)) {
      for (const m of line.matchAll(EXCEPTION)) {
        if (m[1] && !addUnique(this.facts.exceptions, m[1])) this.full.add('exception names');
      }
    }
    if (!this.grantSeen && gate.any(NEEDS.grantType)) {
      const grant = GRANT_TYPE.exec(line)?.[1]?.toLowerCase();
      if (grant) this.grantSeen = grant === 'client_credentials' ? 'app-only' : 'delegated';
    }
    if (!this.facts.jira && gate.any(NEEDS.jira)) this.readJira(line, lineNo);
    if (gate.any(NEEDS.mailbox) && line.includes('@')) {
      for (const m of line.matchAll(MAILBOX)) {
        const domain = m[1]?.toLowerCase();
        if (domain && !NOT_A_TENANT_DOMAIN.test(domain) && !addUnique(this.facts.mailboxDomains, domain)) {
          this.full.add('mailbox domains');
        }
      }
    }
  }

  /** One line's vote for a protocol or a handler. */
  vote(v: Vote) {
    if (v.protocol) this.protocolVotes.set(v.protocol, (this.protocolVotes.get(v.protocol) ?? 0) + v.weight);
    if (v.handler) this.handlerVotes.set(v.handler, (this.handlerVotes.get(v.handler) ?? 0) + v.weight);
  }

  private readJira(line: string, lineNo: number) {
    const m = JIRA_VERSION.exec(line);
    if (m) {
      const pick = (a?: string, b?: string) => (a && b ? { major: Number(a), minor: Number(b) } : null);
      const version =
        pick(m[1], m[2]) ??
        (m[4] && m[5] ? jiraOfJsm(Number(m[4]), Number(m[5])) : null) ??
        pick(m[6], m[7]) ??
        pick(m[8], m[9]);
      // Jira Data Center runs from 7 to 11; a "Jira 2.0" is some other thing's version.
      if (version && version.major >= 7 && version.major <= 12) {
        const release: JiraRelease = { platform: 'data-center', ...version, line: lineNo };
        this.facts.jira = release;
        return;
      }
    }
    if (JIRA_CLOUD.test(line)) this.facts.jira = { platform: 'cloud', line: lineNo };
  }

  private addScope(found: string, lineNo: number, line: string, index: number) {
    const scope = found.includes('/') ? found.replace(/^(?:https?:\/\/)?/, 'https://') : found;
    if (!addUnique(this.facts.scopes, scope)) this.full.add('scopes');
    const prefix = /^https:\/\/([^/]+)\//.exec(scope)?.[1];
    if (prefix) {
      const cloud = cloudOfHost(prefix);
      if (cloud && cloud !== 'worldwide') this.hintCloud(cloud, 'scope', lineNo);
    }
    if (SCOPE_AFTER_COMMA.test(line.slice(index + found.length, index + found.length + 120))) {
      this.commasBetweenScopes = true;
    }
  }

  private addCode(code: string, lineNo: number, line: string, index: number, stamp: string) {
    if (!addUnique(this.facts.errorCodes, code)) return void this.full.add('error codes');
    // The evidence window, not the line: a line may be 64 KB, and fifty of them would be 3 MB per request.
    if (!this.codeLines.has(code))
      this.codeLines.set(code, { line: lineNo, text: snippet(stamp + line, stamp.length + index) });
  }

  /** What this collector gathered, as a later range's collector would hand it over. */
  part(): FactsPart {
    return {
      protocolVotes: this.protocolVotes,
      handlerVotes: this.handlerVotes,
      hostLines: this.hostLines,
      facts: this.facts,
      statements: this.said.found,
      grantSeen: this.grantSeen,
      codeLines: this.codeLines,
      full: this.full,
      commasBetweenScopes: this.commasBetweenScopes,
    };
  }

  /**
   * Takes in what the collector of the next range of the same log gathered, ending as if one collector had read
   * both: first-seen values stay first, capped lists fill up in order, votes add up. False when that cannot be
   * exact (the later range filled its statements, some of which this one may already hold): read the log whole.
   */
  absorb(p: FactsPart): boolean {
    if (p.statements.length >= MAX_STATEMENTS && this.said.found.length > 0) return false;
    for (const [k, n] of p.protocolVotes) this.protocolVotes.set(k, (this.protocolVotes.get(k) ?? 0) + n);
    for (const [k, n] of p.handlerVotes) this.handlerVotes.set(k, (this.handlerVotes.get(k) ?? 0) + n);
    // The later range's token is adopted as token() would have: only over none, or over one for another API.
    const mine = this.facts.token;
    const theirs = p.facts.token;
    const adopt = theirs !== undefined && (!mine || (mine.resource === 'other' && theirs.resource !== 'other'));
    if (adopt) this.facts.token = theirs;
    for (const h of p.facts.cloudHints) {
      if (h.source === 'token' && !adopt) continue;
      this.hintCloud(h.cloud, h.source, h.line, h.tenant);
    }
    for (const [list, name] of LISTS) {
      for (const value of p.facts[list]) if (!addUnique(this.facts[list], value)) this.full.add(name);
    }
    for (const name of p.full) this.full.add(name);
    for (const [host, line] of p.hostLines) if (!this.hostLines.has(host)) this.hostLines.set(host, line);
    for (const [code, at] of p.codeLines) {
      if (!this.codeLines.has(code) && this.facts.errorCodes.includes(code)) this.codeLines.set(code, at);
    }
    this.said.absorb(p.statements);
    this.grantSeen ??= p.grantSeen;
    this.facts.jira ??= p.facts.jira;
    if (!this.facts.jira) delete this.facts.jira;
    this.commasBetweenScopes ||= p.commasBetweenScopes;
    return true;
  }

  finish(): Facts {
    const top = <T>(votes: Map<T, number>): T | null =>
      [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const ranked = <T>(votes: Map<T, number>): T[] => [...votes.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    this.facts.protocol = top(this.protocolVotes);
    this.facts.handler = top(this.handlerVotes);
    this.facts.protocolsSeen = ranked(this.protocolVotes);
    this.facts.handlersSeen = ranked(this.handlerVotes);
    // A Graph mail client only exists in the JSM channel, whatever else the text mentions.
    if (this.facts.protocol === 'graph' && this.protocolVotes.get('graph')) this.facts.handler ??= 'jsm';
    // Jira's own handler fetches over IMAP/POP: Graph named only in the user's words is the advice, not the setup.
    if (
      this.facts.handler === 'jira' &&
      this.facts.protocol === 'graph' &&
      (this.protocolVotes.get('graph') ?? 0) < 3
    ) {
      this.facts.protocol = this.facts.protocolsSeen.find((p) => p !== 'graph') ?? null;
    }
    for (const host of this.facts.hosts) {
      // graph.microsoft.com says nothing about the tenant: JSM always calls it. Login and portal hosts do.
      if (!/^(?:login|portal|graph|dod-graph|outlook)\./.test(host)) continue;
      const cloud = cloudOfHost(host);
      if (cloud) this.hintCloud(cloud, 'host', this.hostLines.get(host) ?? 0);
    }
    this.facts.cloud = decideCloud(this.facts.cloudHints);
    this.facts.statements = [...this.said.found];
    this.facts.grant = this.decideGrant();
    if (!this.facts.grant) delete this.facts.grant;
    return this.facts;
  }

  /** The token says it best; then the request's grant_type; then the user's words. */
  private decideGrant(): Grant | undefined {
    const token = this.facts.token;
    if (token && token.resource !== 'other') {
      if (token.appOnly) return 'app-only';
      if (token.scp) return 'delegated';
    }
    if (this.grantSeen) return this.grantSeen;
    const said = (id: string) => this.facts.statements.some((st) => st.id === id);
    if (said('app-only') && !said('delegated')) return 'app-only';
    if (said('delegated') && !said('app-only')) return 'delegated';
    return undefined;
  }
}

// Microsoft's own metadata for the tenant is the last word; a front door only asks when the paste left it open.
const SOURCE_WEIGHT: Record<CloudHint['source'], number> = { metadata: 5, words: 4, token: 3, scope: 2, host: 1 };

/** The hint that decided the cloud (the heaviest one naming it). */
export function decidingHint(facts: Facts): CloudHint | undefined {
  return facts.cloudHints
    .filter((h) => h.cloud === facts.cloud)
    .sort((a, b) => SOURCE_WEIGHT[b.source] - SOURCE_WEIGHT[a.source])[0];
}

/**
 * Microsoft's metadata beats the user's words, which beat a token, which beats scope prefixes and hosts; a precise cloud beats "GCC High or DoD".
 * One exception: people often say "GCC" for every US government cloud, so a `.us` host or token outranks it.
 */
export function decideCloud(hints: CloudHint[]): Cloud | null {
  if (hints.length === 0) return null;
  const usGov = hints.filter((h) => h.source !== 'words' && ['gcc-high', 'dod', 'gcc-high-or-dod'].includes(h.cloud));
  if (usGov.length > 0 && hints.some((h) => h.source === 'words' && h.cloud === 'gcc')) {
    hints = hints.filter((h) => !(h.source === 'words' && h.cloud === 'gcc'));
  }
  const best = [...hints].sort(
    (a, b) =>
      SOURCE_WEIGHT[b.source] - SOURCE_WEIGHT[a.source] ||
      Number(a.cloud === 'gcc-high-or-dod') - Number(b.cloud === 'gcc-high-or-dod'),
  )[0];
  if (!best) return null;
  if (best.cloud === 'gcc-high-or-dod') {
    const precise = hints.find((h) => h.cloud === 'gcc-high' || h.cloud === 'dod');
    if (precise) return precise.cloud;
  }
  return best.cloud;
}
