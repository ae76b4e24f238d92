import { SMTP_OUTGOING, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';

const STARTUP_FAILURE = signature(
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

const WHAT_TO_PASTE =
  'To diagnose the incoming mail handler, paste the ERROR lines with their stack trace from <jira-home>/log/atlassian-jira-incoming-mail.log (JSM Email requests) or atlassian-jira.log (Jira System > Incoming mail), the application link scopes and endpoints, or an AADSTS line from the browser.';

export default defineRule({
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
