import { LINKS } from '../../links.js';
import {
  COULDNT_CONNECT,
  COULDNT_OPEN_INBOX,
  GRAPH_ADVICE,
  JIRA_HANDLER_LOG,
  JIRA_SCREEN_WORDS,
  JSM_HANDLER_LOG,
  JSM_SCREEN_WORDS,
  OAUTH_TOKEN_NOT_DEFINED,
  SMTP_OUTGOING,
  STARTUP_FAILURE,
} from '../../signatures.js';
import { TOKEN_NOT_DEFINED_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { APP_LINKS_SCREEN, EMAIL_REQUESTS_SCREEN, INCOMING_MAIL_SCREEN, REAUTHORIZE_STEP } from '../screens.js';

export const jsmOauthTokenNotDefined = defineRule({
  id: 'jsm-oauth-token-not-defined',
  title: 'JSM has no usable OAuth token for the channel (umbrella message)',
  basis: 'documented',
  appliesTo: 'JSM Email requests (any protocol)',
  signatures: [OAUTH_TOKEN_NOT_DEFINED, COULDNT_CONNECT, COULDNT_OPEN_INBOX],
  links: [LINKS.atlassianSecretExpiredKb, LINKS.atlassianOauthCannotConfigureKb],
  evaluate(ctx) {
    const umbrella = ctx.seen(OAUTH_TOKEN_NOT_DEFINED) || (ctx.seen(COULDNT_CONNECT) && !ctx.seen(COULDNT_OPEN_INBOX));
    if (!umbrella) return null;
    // A deciding line is already in the paste: the specific rule answers, this one would only repeat it.
    if (ctx.facts.errorCodes.some((c) => c.startsWith('AADSTS'))) return null;
    const scopes = groupScopes(ctx.facts);
    if (scopes.known && !scopes.offlineAccess) return null;
    return {
      confidence: 'possible',
      cause:
        'JSM has no valid token for this channel. That message is an umbrella; the causes, most common first: (1) the client secret in Entra expired (AADSTS7000222); (2) the token refresh failed for another reason: offline_access missing from the scopes, the refresh token expired from inactivity (AADSTS700082), was revoked (AADSTS50173), or was blocked by Conditional Access or a sign-in frequency policy (AADSTS53003, AADSTS70043); (3) the channel was never authorized, or its application link was edited or recreated. The AADSTS line in atlassian-jira.log or atlassian-jira-incoming-mail.log decides.',
      fix: [
        'Search <jira-home>/log/atlassian-jira.log and atlassian-jira-incoming-mail.log for "AADSTS" or "Refresh Token Failed" and paste that line here: it names the cause.',
        'Fix that cause (for an expired secret: a new secret Value in the application link).',
        `Then re-authorize the channel: ${REAUTHORIZE_STEP}`,
      ],
      evidence: ctx.evidence(OAUTH_TOKEN_NOT_DEFINED, COULDNT_CONNECT),
      rank: 3,
      questions: [TOKEN_NOT_DEFINED_QUESTION],
    };
  },
});

export const handlerTypeConfusion = defineRule({
  id: 'handler-type-confusion',
  title: 'The log is from one mail handler and the advice being followed is for the other',
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

const WHAT_TO_PASTE =
  'To diagnose the incoming mail handler, paste the ERROR lines with their stack trace from <jira-home>/log/atlassian-jira-incoming-mail.log (JSM Email requests) or atlassian-jira.log (Jira System > Incoming mail), the application link scopes and endpoints, or an AADSTS line from the browser.';

export const outOfScope = defineRule({
  id: 'out-of-scope',
  title: 'Not about the incoming mail handler (outgoing SMTP, start-up failures): no finding, a pointer instead',
  basis: 'documented',
  appliesTo: 'Outgoing mail (SMTP), Jira and Confluence start-up',
  signatures: [SMTP_OUTGOING, STARTUP_FAILURE],
  links: [],
  evaluate: () => null,
  notes(ctx) {
    const notes: string[] = [];
    if (ctx.seen(SMTP_OUTGOING)) {
      notes.push(
        `This looks like outgoing mail (SMTP: SMTPTransport or a 535 5.7.x reply), which this tool does not cover; it diagnoses the incoming mail handler only. ${WHAT_TO_PASTE}`,
      );
    }
    if (ctx.seen(STARTUP_FAILURE)) {
      notes.push(
        `This looks like a Jira or Confluence start-up or plug-in failure, not the incoming mail handler, so this tool has no finding for it. ${WHAT_TO_PASTE}`,
      );
    }
    return notes;
  },
});
