import { OTHER_PROVIDER, SMTP_OUTGOING, signature } from '../../signatures.js';
import { isImapOrPop, otherProvider } from '../imap/signals.js';
import { defineRule } from '../rule.js';

const STARTUP_FAILURE = signature(
  'startup-failure',
  /JIRA startup failed|Jira start-?up failed|Confluence (?:start-?up failed|is vacant)|Spring application context has not been created|Johnson event|LockedDatabaseOfBizDelegator|Unable to start (?:JIRA|Jira|Confluence|the plugin)|plugin container|OsgiPlugin|Failed to start component|PluginException|Plugin [^\n]{0,80} failed to (?:start|enable)|BundleException|Universal Plugin Manager|\bjava\.sql\.\w{0,40}Exception|\bH2 database\b|database (?:is )?(?:corrupt|locked)|cluster lock|\bLDAP\b|user directory|\/rest\/api\/\d/i,
  [
    'startup',
    'start-up',
    'vacant',
    'spring application context',
    'johnson',
    'lockeddatabase',
    'unable to start',
    'plugin container',
    'osgiplugin',
    'failed to start',
    'pluginexception',
    'failed to enable',
    'bundleexception',
    'plugin manager',
    'java.sql',
    'h2 database',
    'database',
    'cluster lock',
    'ldap',
    'user directory',
    '/rest/api/',
  ],
);

const WHAT_TO_PASTE =
  'To diagnose the incoming mail handler, paste the ERROR lines with their stack trace from <jira-home>/log/atlassian-jira-incoming-mail.log (JSM Email requests) or atlassian-jira.log (Jira System > Incoming mail), the application link scopes and endpoints, or an AADSTS line from the browser.';

export default defineRule({
  id: 'out-of-scope',
  title: 'Not about the incoming mail handler (outgoing SMTP, start-up failures): no finding, a pointer instead',
  basis: 'documented',
  appliesTo: 'Outgoing mail (SMTP), Jira and Confluence start-up',
  signatures: [SMTP_OUTGOING, STARTUP_FAILURE, OTHER_PROVIDER],
  links: [],
  evaluate: () => null,
  notes(ctx) {
    const notes: string[] = [];
    if (otherProvider(ctx)) {
      notes.push(
        `This looks like a mailbox at another provider (Gmail/Google, Yahoo, Zoho or similar), not Microsoft 365, so this tool has no finding for it; it diagnoses mail handlers reading Exchange Online. ${WHAT_TO_PASTE}`,
      );
    } else if (ctx.seen(SMTP_OUTGOING) && !isImapOrPop(ctx)) {
      notes.push(
        `This looks like outgoing mail (SMTP: sending, a test email, or a 5xx 5.7.x reply), which this tool does not cover; it diagnoses the incoming mail handler only. ${WHAT_TO_PASTE}`,
      );
    }
    // Only when nothing in the text is about reading mail: a mail handler's log mentions the database too.
    if (ctx.seen(STARTUP_FAILURE) && !ctx.facts.protocol && ctx.facts.errorCodes.length === 0) {
      notes.push(
        `This looks like a Jira or Confluence start-up, plug-in, database or directory problem, not the incoming mail handler, so this tool has no finding for it. ${WHAT_TO_PASTE}`,
      );
    }
    return notes;
  },
});
