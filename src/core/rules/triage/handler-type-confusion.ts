import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, EMAIL_REQUESTS_SCREEN, INCOMING_MAIL_SCREEN } from '../screens.js';

const JSM_SCREEN_WORDS = signature(
  'jsm-screen-words',
  /\bEmail requests\b|Project settings\s{0,3}>\s{0,3}Email/i,
  ['email requests', 'project settings'],
  { broad: true },
);

const JIRA_SCREEN_WORDS = signature(
  'jira-screen-words',
  /System\s{0,3}>\s{0,3}Incoming (?:e-?)?mail|\bIncoming Mail (?:page|screen|handler|settings)\b|Add incoming mail handler/i,
  ['incoming'],
  { broad: true },
);

const GRAPH_ADVICE = signature(
  'graph-advice',
  /\bMicrosoft Graph(?: API)?\b|\bGraph (?:protocol|API|KB|article)\b|(?<![\w./])Mail\.ReadWrite\b/i,
  ['graph', 'mail.readwrite'],
  { broad: true },
);

const JSM_HANDLER_LOG = signature(
  'jsm-handler-log',
  /MailPullerWorker|jira-email-processor-plugin|com\.atlassian\.mail\.msgraph/i,
  ['mailpullerworker', 'jira-email-processor', 'msgraph'],
  { broad: true },
);

const JIRA_HANDLER_LOG = signature(
  'jira-handler-log',
  /MailFetcherService|Mail Handler\[\d{1,8}\]/i,
  ['mailfetcherservice', 'mail handler['],
  { broad: true },
);

export default defineRule({
  id: 'handler-type-confusion',
  priority: 50,
  title: 'The log is from one mail handler and the advice being followed is for the other',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers',
  signatures: [JIRA_HANDLER_LOG, JSM_HANDLER_LOG, GRAPH_ADVICE, JIRA_SCREEN_WORDS, JSM_SCREEN_WORDS],
  links: [LINKS.seedKb, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const jiraLog = ctx.seen(JIRA_HANDLER_LOG);
    const jsmLog = ctx.seen(JSM_HANDLER_LOG);
    const fix = [
      `Identify the handler from the log: MailPullerWorker / jira-email-processor-plugin / atlassian-jira-incoming-mail.log is JSM (${EMAIL_REQUESTS_SCREEN}); MailFetcherService / "Mail Handler[…]" is Jira's own handler (${INCOMING_MAIL_SCREEN}).`,
      `Follow the guide for that handler. Graph scopes (\`Mail.ReadWrite offline_access\`) belong only in an application link used by a JSM Graph channel; IMAP/POP scopes belong in the link used by IMAP/POP handlers (${APP_LINKS_SCREEN}).`,
    ];
    if (jiraLog && !jsmLog && (ctx.seen(GRAPH_ADVICE) || ctx.seen(JSM_SCREEN_WORDS))) {
      return {
        confidence: 'likely',
        cause:
          "The log comes from Jira's own incoming mail handler (MailFetcherService, ⚙ > System > Incoming mail), which fetches over IMAP or POP. The paste also follows advice for the JSM Email requests channel or its Microsoft Graph protocol. Those are two separate components; in the sources we know, the Graph option exists only in the JSM channel (not confirmed for Jira's handler).",
        fix,
        evidence: ctx.evidence(JIRA_HANDLER_LOG, GRAPH_ADVICE, JSM_SCREEN_WORDS),
        rank: 1,
      };
    }
    if (jsmLog && !jiraLog && ctx.seen(JIRA_SCREEN_WORDS)) {
      return {
        confidence: 'likely',
        cause:
          "The log comes from the JSM Email requests channel (MailPullerWorker, Project settings > Email requests), but the paste works on Jira's own handler (⚙ > System > Incoming mail). Changing that screen does not affect the JSM channel; they are separate pullers with their own settings.",
        fix,
        evidence: ctx.evidence(JSM_HANDLER_LOG, JIRA_SCREEN_WORDS),
        rank: 1,
      };
    }
    return null;
  },
});
