import { EVERY_PATTERN, type HintGate, hintIds } from './hints.js';
import type { Statement, StatementId } from './types.js';

// What people say in their own words about their setup and what changed, read as facts like a log line: "Microsoft
// turned off basic auth", "the secret expired last week", "IMAP is disabled on that mailbox", "we only have a proxy".
// Each pattern names the mechanism in the words people use for it, is bounded, and skips denials where a denial would
// flip the meaning ("consent was never granted" is the statement; "consent was granted" is not).

interface StatementCue {
  id: StatementId;
  re: RegExp;
  /** Any match contains one of these (see hints.ts); the pattern runs only on lines that hold one. */
  hints: number[];
  /** The statement is withdrawn when these words stand just before the match ("not", "never"). */
  deniable?: boolean;
}

const W = "[\\w'’-]{1,20}"; // one word
const FEW = `(?:\\s{1,3}${W}){0,4}\\s{1,3}`; // up to four words between

const CUES: StatementCue[] = [
  {
    id: 'basic-auth-off',
    // Every match holds one of these: not "old" or "microsoft", which every IMAP folder line and token host holds.
    hints: hintIds([
      'basic',
      'legacy',
      'modern',
      'prohibit',
      'allow',
      'block',
      'disabl',
      'deny',
      'denie',
      'stopped',
      'dropped',
      'ended',
      'turned off',
      'killed',
      'retired',
      'deprecat',
      'removed',
      'revok',
      'no longer',
      'discontinu',
      'moved',
      'migrated',
      'switched',
      'went',
    ]),
    re: new RegExp(
      `\\b(?:prohibit\\w{0,3}|(?:not|n't)\\s{1,3}allow\\w{0,3}|block\\w{0,3}|disabl\\w{0,3}|den(?:y|ies|ied))${FEW}?(?:old|older|old[\\s-]style|legacy)(?:\\s{1,3}(?:versions?\\s{1,3}of|style))?\\s{1,3}(?:IMAP|POP3?|log-?ins?|sign-?ins?|auth\\w{0,12}|protocols?)\\b|\\bmodern["'”’]?\\s{1,3}auth\\w{0,12}\\s{1,3}(?:is\\s{1,3}|as\\s{1,3}|was\\s{1,3}|are\\s{1,3})?(?:now\\s{1,3}|also\\s{1,3})?(?:an?\\s{1,3})?(?:requirement|required|mandatory|enforced|only)\\b|\\bMicrosoft${FEW}?(?:stopped|dropped|ended|disabled|turned off|killed|retired|deprecated|removed|discontinu\\w{1,4})\\s{1,3}(?:(?:the\\s{1,3})?support(?:ing)?\\s{1,3}(?:for\\s{1,3})?|working\\s{1,3}with\\s{1,3}|allowing\\s{1,3})?(?:the\\s{1,3})?(?:(?:standard|traditional|regular|plain|classic|legacy|old)\\s{1,3})?(?:IMAP|POP3?|password|basic)\\b|\\b(?:deprecat\\w{0,5}|revok\\w{0,3}|no longer (?:allow|support|accept)s?|disabl\\w{0,3}|turn(?:ed|ing|s)? off|switch(?:ed|ing)? off|retir\\w{0,3}|end(?:ed|ing)?|remov\\w{0,3}|block\\w{0,3}|kill\\w{0,3}|stopp?\\w{0,3})${FEW}?(?:of\\s{1,3})?(?:the\\s{1,3})?(?:basic|legacy)[\\s-]{1,3}auth\\w{0,10}|\\b(?:basic|legacy)[\\s-]{1,3}auth\\w{0,10}${FEW}?(?:is|was|has been|got|being|will be|are)?\\s{0,3}(?:deprecated|disabled|turned off|switched off|retired|removed|blocked|gone|no longer)|\\b(?:moved|migrated|switched|went)\\s{1,3}(?:away\\s{1,3})?(?:off|from)\\s{1,3}(?:the\\s{1,3})?(?:basic|legacy|password)[\\s-]{1,3}(?:auth\\w{0,10}|sign-?ins?|log-?ins?)`,
      'i',
    ),
  },
  {
    id: 'uses-password',
    hints: hintIds(['basic auth', 'password', 'user name/password', 'credentials', 'logon failure']),
    re: /\b(?:basic auth(?:entication)?|username and password|user ?name\/password|app(?:lication)?[\s-]passwords?|with (?:a|the|my|our|his|her|their) (?:\w{1,15}\s{1,3})?password|password[\s-](?:based )?(?:login|authentication|auth|sign-?in)|(?:normal|regular|account|mailbox|user|old|plain)\s{1,3}password|Logon failure: unknown user name or bad password)\b|\(\s{0,3}user(?:_?name)?\s{0,3},\s{0,3}password\s{0,3}\)|\b(?:password|credentials)\s{1,3}(?:is|are)\s{1,3}(?:\d{1,3}\s{0,2}%\s{1,3})?(?:definitely\s{1,3}|surely\s{1,3})?(?:correct|right|valid)\b/i,
  },
  {
    // The person says their client signs in with OAuth: then a password rule does not apply. Bound to the speaker
    // ("I configured it to use OAuth2", "we are using OAuth"), so "it works when using OAuth" is not read as this.
    id: 'uses-oauth',
    hints: hintIds(['oauth']),
    re: /\b(?:configur\w{0,5}|set\s{1,3}(?:it\s{1,3})?up)\s{1,3}(?:it\s{1,3}|this\s{1,3})?(?:to\s{1,3}use|with|for)\s{1,3}(?:the\s{1,3})?(?:X?OAuth\s?2?(?:\.0)?)\b|\b(?:I|we)(?:'m|'re|\s{1,3}am|\s{1,3}are)?\s{1,3}(?:already\s{1,3})?(?:use|using)\s{1,3}(?:the\s{1,3})?X?OAuth\s?2?(?:\.0)?\b/i,
    deniable: true,
  },
  {
    id: 'secret-expired',
    hints: hintIds(['secret']),
    re: /\b(?:client\s{1,3})?secret(?:\s{1,3}(?:value|key))?\s{1,3}(?:has\s{1,3}|had\s{1,3}|was\s{1,3}|is\s{1,3}|got\s{1,3})?expired\b|\bexpired\s{1,3}(?:client\s{1,3})?secret\b|\bsecret\s{1,3}expir(?:y|ation|es|ed)\b|\bsecret\s{1,3}(?:no longer|doesn'?t|does not|stopped)\s{1,3}work/i,
    deniable: true,
  },
  {
    id: 'secret-id-used',
    hints: hintIds(['secret']),
    re: /\b(?:secret\s{1,3}ID\s{1,3}instead|(?:pasted|used|copied|entered|put)\s{1,3}(?:in\s{1,3})?(?:the\s{1,3})?secret\s{1,3}ID\b)/i,
  },
  {
    id: 'password-changed',
    hints: hintIds(['password']),
    re: /\bpassword\s{1,3}(?:was\s{1,3}|has\s{1,3}been\s{1,3}|got\s{1,3})?(?:reset|changed)\b|\b(?:reset|changed)\s{1,3}(?:the|my|our|his|her|their|its)\s{1,3}(?:\w{1,20}\s{1,3})?password\b/i,
    deniable: true,
  },
  {
    id: 'imap-disabled',
    hints: hintIds(['imap', 'pop']),
    re: /\b(?:IMAP|POP3?)(?:4)?\s{1,3}(?:access\s{1,3}|protocol\s{1,3})?(?:is|was|has been|got)\s{1,3}(?:disabled|turned off|switched off|not enabled)\b|\b(?:disabled|turned off)\s{1,3}(?:the\s{1,3})?(?:IMAP|POP3?)\b|\b(?:Imap|Pop)Enabled\s{0,3}[:=]?\s{0,3}\$?False\b|\b(?:don'?t|do not|doesn'?t|does not)\s{1,3}have\s{1,3}(?:IMAP|POP3?)\s{1,3}(?:turned on|enabled|switched on)\b/i,
    deniable: true,
  },
  {
    id: 'consent-missing',
    hints: hintIds(['consent', 'admin', 'permission', 'approval']),
    re: /\b(?:admin(?:istrator)?(?:'s)?\s{1,3})?consent\s{1,3}(?:was\s{1,3}|has\s{1,3})?(?:never|not)\s{1,3}(?:been\s{1,3})?(?:granted|given)\b|\bwithout\s{1,3}(?:admin\s{1,3})?consent\b|\bneeds?\s{1,3}(?:an?\s{1,3})?admin(?:istrator)?(?:'s)?\s{1,3}(?:approval|consent|permission)\b|\bNeed admin approval\b|\badmin(?:istrator)?\s{1,3}(?:approval|consent)\s{1,3}(?:is\s{1,3})?(?:required|needed)\b|\bonly an admin(?:istrator)?\s{1,3}can\s{1,3}grant\b|\b(?:don'?t|do not|doesn'?t|no)\s{1,3}have\s{1,3}(?:\w{1,12}\s{1,3}){0,2}admin(?:istrator)?\s{1,3}(?:rights|privileges|access)\b|\badministrator\s{1,3}of\s{1,3}your\b[^\n]{0,40}\ballow\b|\busers?\s{1,3}(?:[\w-]{1,15}\s{1,3}){0,3}(?:can(?:no|')t|cannot|are\s{1,3}not\s{1,3}allowed\s{1,3}to|aren't\s{1,3}allowed\s{1,3}to|may\s{1,3}not)\s{1,3}consent\b|\b(?:users?|regular\s{1,3}users)\s{1,3}to\s{1,3}consent\b[^\n]{0,60}?\b(?:is|was|are|has\s{1,3}been)\s{1,3}(?:disabled|turned\s{1,3}off|blocked|not\s{1,3}allowed)\b|\buser\s{1,3}consent\s{1,3}(?:is|was|has\s{1,3}been)\s{1,3}(?:disabled|turned\s{1,3}off|blocked)\b|\basks?\s{1,3}(?:me\s{1,3})?for\s{1,3}(?:an?\s{1,3}|my\s{1,3}|the\s{1,3}|our\s{1,3})?(?:[\w’-]{1,20}['’]s\s{1,3})?(?:admin(?:istrator)?['’]?s?\s{1,3})?(?:permission|approval|consent)\b/i,
  },
  {
    id: 'proxy-only',
    hints: hintIds(['proxy']),
    re: /\b(?:corporate|company|outbound|enterprise|http|https|web)[\s-]{1,3}proxy\b|\bbehind\s{1,3}(?:a|the|our|my)?\s{0,3}(?:corporate\s{1,3}|company\s{1,3})?proxy\b|\bproxy\s{1,3}(?:configuration|server|settings?)?\s{0,3}to\s{1,3}(?:get\s{1,3})?(?:access\s{1,3}(?:to\s{1,3})?)?(?:the\s{1,3})?internet\b|\bHTTPS?_PROXY\b|\bonly\s{1,3}(?:have\s{1,3})?(?:a|an)?\s{0,3}(?:http\s{1,3})?proxy\b/i,
  },
  {
    id: 'port-blocked',
    hints: hintIds(['993', '995', 'firewall']),
    re: /\b(?:port\s{1,3})?99[35]\s{1,3}(?:is\s{1,3}|are\s{1,3})?(?:blocked|closed|not open)\b|\bfirewall\s{1,3}(?:blocks|is blocking|blocked)\b/i,
    deniable: true,
  },
  {
    id: 'mfa-policy',
    hints: hintIds(['security defaults', 'conditional access', 'mfa', '2fa', 'factor', 'two', 'phone']),
    re: /\bsecurity defaults\b|\bconditional access\b|\b(?:enforc\w{0,4}|requir\w{0,4}|added|enabled|turned on|rolled out)\s{1,3}(?:[\w-]{1,12}\s{1,3}){0,2}(?:phone\s{1,3}(?:checks?|verifications?|calls?|prompts?)|MFA|2FA|multi-?factor|two[\s-]factor)\b|\b(?:MFA|2FA|multi-?factor|two[\s-](?:factor|way)\s{1,3}auth\w{0,10})\s{1,3}(?:(?:is\s{1,3}|was\s{1,3})?(?:enabled|required|enforced|turned on)|settings?|polic(?:y|ies)|requirements?)\b/i,
  },
  {
    id: 'shared-mailbox',
    hints: hintIds(['shared']),
    re: /\bshared\s{1,3}(?:mail\s?box|inbox|e-?mail(?:\s{1,3}(?:address|account|id))?)\b/i,
  },
  {
    id: 'stopped-working',
    hints: hintIds(['stop', 'no longer', 'suddenly', 'worked', 'anymore', 'broke', 'working', 'error']),
    re: /\b(?:stopped|stops|stop)\s{1,3}(?:working|fetching|receiving|pulling)\b|\bno longer\s{1,3}(?:works|working|fetch\w{0,3}|receiv\w{0,3})\b|\bsuddenly\b|\bworked\s{1,3}(?:fine\s{1,3}|well\s{1,3})?(?:for|until)\b|\bnot working anymore\b|\banymore\b|\bbroke\s{1,3}(?:the|our|my)\b|\b(?:got|get|getting|gives?|giving)\s{1,3}(?:me\s{1,3})?(?:an?|the|this|that)\s{1,3}(?:[\w-]{1,20}\s{1,3})?error\b|\bwas\s{1,3}working\s{1,3}(?:fine\s{1,3}|well\s{1,3}|ok\s{1,3})?(?:till|until|before)\b|\b(?:it'?s|is|are)\s{1,3}not\s{1,3}working\b/i,
  },
  { id: 'after-90-days', hints: hintIds(['90']), re: /\b90\s{1,3}days\b/i },
  {
    id: 'single-tenant',
    hints: hintIds(['single', 'azureadmyorg', 'organizational directory only']),
    re: /\bsingle[\s-]tenant\b|\bAzureADMyOrg\b|\baccounts in this organizational directory only\b/i,
  },
  {
    // The app signs in as itself: Jira 9.17+ "Client credentials" grant, application permissions, app-only access.
    id: 'app-only',
    hints: hintIds(['client', 'application permission', 'app-only', 'app only', 'accessasapp', 'sendasapp', 'daemon']),
    re: /\bclient[\s_-]credentials?\b|\bapplication\s{1,3}permissions?\b|\bapp[\s-]only\b|\b(?:IMAP|POP)\.AccessAsApp\b|\bSMTP\.SendAsApp\b|\bdaemon\s{1,3}app\w{0,9}\b/i,
    deniable: true,
  },
  {
    // The app signs in as a user: delegated permissions, the authorization-code flow behind Jira's Authorize button.
    id: 'delegated',
    hints: hintIds(['delegated', 'authorization_code', 'authorization code', 'on behalf of']),
    re: /\bdelegated\s{1,3}(?:permissions?|access|auth\w{0,12}|flow)\b|\bgrant_type=authorization_code\b|\bauthori[sz]ation[\s_]code\s{1,3}(?:grant|flow)\b|\bon behalf of (?:a|the) user\b/i,
    deniable: true,
  },
  {
    // Exchange RBAC for Applications (or a legacy access policy) limits which mailboxes the app may open.
    id: 'rbac-scope',
    hints: hintIds([
      'rbac',
      'managementroleassignment',
      'managementscope',
      'serviceprincipalauthorization',
      'applicationaccesspolicy',
      'access policy',
      'resource scope',
      'inscope',
    ]),
    re: /\bRBAC\s{1,3}for\s{1,3}Applications\b|\bNew-ManagementRoleAssignment\b[^\n]{0,200}-App\b|\bNew-ManagementScope\b|\bTest-ServicePrincipalAuthorization\b|\b(?:New|Test|Get|Set)-ApplicationAccessPolicy\b|\bapplication access polic(?:y|ies)\b|\b(?:custom\s{1,3})?resource\s{1,3}scope\b|\bInScope\s{0,3}[:=]?\s{0,3}False\b/i,
  },
  {
    // Sending, not reading: notifications, the outgoing mail server, SMTP submission.
    id: 'outgoing-mail',
    hints: hintIds(['outgoing', 'notification', 'send', 'smtp']),
    re: /\boutgoing\s{1,3}(?:mail|e-?mail|server|smtp)\b|\b(?:stopped|not|isn'?t|aren'?t|can'?t|cannot|unable to|fails? to|failed to)\s{1,3}(?:be\s{1,3})?(?:send(?:ing)?|sent)\s{1,3}(?:any\s{1,3})?(?:e-?mails?|notifications?|mail)\b|\bnotifications?\s{1,3}(?:are|were|is)\s{1,3}(?:not|no longer)\s{1,3}(?:being\s{1,3})?sent\b|\bSMTP\s{1,3}(?:AUTH|relay|server|submission|settings?)\b/i,
  },
  {
    id: 'ews',
    hints: hintIds(['ews', 'exchange web services']),
    re: /\bEWS\b|\bExchange Web Services\b/,
  },
  {
    id: 'throttled',
    hints: hintIds(['throttl', 'too many']),
    re: /\bthrottl(?:ed|ing)\b|\btoo many\s{1,3}(?:[a-z]{1,15}\s{1,3})?(?:connections|requests|sessions)\b/i,
  },
];

const DENIED = /\b(?:not|n't|never|no longer|nor)\s{1,3}(?:\w{1,12}\s{1,3})?$/i;

export const MAX_STATEMENTS = 30;
const WIDTH = 200;

/** The statements a line makes, each with the words that make it. */
export function statementsOf(line: string, gate: HintGate = EVERY_PATTERN): { id: StatementId; index: number }[] {
  const out: { id: StatementId; index: number }[] = [];
  for (const cue of CUES) {
    if (!gate.any(cue.hints)) continue;
    const m = cue.re.exec(line);
    if (!m) continue;
    if (cue.deniable && DENIED.test(line.slice(Math.max(0, m.index - 24), m.index))) continue;
    out.push({ id: cue.id, index: m.index });
  }
  return out;
}

/** Collects statements, one per kind, with the line that says it (already redacted) as evidence. */
export class StatementCollector {
  readonly found: Statement[] = [];

  /** What the collector of a later range of the same text found, line by line, as if read here. */
  absorb(later: readonly Statement[]) {
    for (let i = 0; i < later.length; ) {
      const line = later[i]?.line;
      if (this.found.length >= MAX_STATEMENTS) return;
      for (; i < later.length && later[i]?.line === line; i++) {
        const s = later[i] as Statement;
        if (!this.found.some((f) => f.id === s.id)) this.found.push(s);
      }
    }
  }

  add(line: string, lineNo: number, gate: HintGate = EVERY_PATTERN) {
    if (this.found.length >= MAX_STATEMENTS) return;
    for (const { id, index } of statementsOf(line, gate)) {
      if (this.found.some((s) => s.id === id)) continue;
      this.found.push({ id, line: lineNo, text: around(line, index) });
    }
  }
}

/** A short window of the line around the words, so the answer can quote what the user said. */
function around(line: string, index: number): string {
  const text = line.trim();
  if (text.length <= WIDTH) return text;
  const offset = line.length - line.trimStart().length;
  const start = Math.max(0, index - offset - 60);
  const end = Math.min(text.length, start + WIDTH);
  return `${start > 0 ? '… ' : ''}${text.slice(start, end).trim()}${end < text.length ? ' …' : ''}`;
}
