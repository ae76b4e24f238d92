import { LINKS } from '../../links.js';
import { OTHER_PROVIDER, SMTP_OUTGOING, signature } from '../../signatures.js';
import { otherProvider } from '../imap/signals.js';
import { defineRule } from '../rule.js';
import { smtpInPlay, toMicrosoft365 } from '../smtp/signals.js';

const STARTUP_FAILURE = signature(
  'startup-failure',
  /JIRA startup failed|Jira start-?up failed|Confluence (?:start-?up failed|is vacant)|Spring application context has not been created|Johnson event|LockedDatabaseOfBizDelegator|Unable to start (?:JIRA|Jira|Confluence|the plugin)|plugin container|OsgiPlugin|Failed to start component|PluginException|Plugin [^\n]{0,80} failed to (?:start|enable)|BundleException|Universal Plugin Manager|\bjava\.sql\.\w{0,40}Exception|\bH2 database\b|database (?:is )?(?:corrupt|locked)|cluster lock|\bLDAP\b|user directory|\/rest\/api\/\d/i,
  // Phrases, not 'startup' or 'database' alone: a healthy Jira says both on most lines of its start.
  [
    'startup failed',
    'start-up failed',
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
    'base corrupt',
    'is corrupt',
    'base locked',
    'is locked',
    'cluster lock',
    'ldap',
    'user directory',
    '/rest/api/',
  ],
);

const WHAT_TO_PASTE =
  'To diagnose a Jira mail handler, paste the ERROR lines with their stack trace from <jira-home>/log/atlassian-jira-incoming-mail.log (JSM Email requests) or atlassian-jira.log (Jira System > Incoming mail), the application link scopes and endpoints, or an AADSTS line from the browser; for outgoing mail, the error that System > Outgoing Mail > Send a test email shows, or atlassian-jira-outgoing-mail.log.';

export default defineRule({
  id: 'out-of-scope',
  priority: 10,
  title:
    'Not about Jira mail with Microsoft 365 (other providers, other mail servers, start-up failures): no finding, a pointer instead',
  checked: '2026-12',
  basis: 'documented',
  appliesTo:
    'Mail at other providers, outgoing mail through servers other than Microsoft 365, Jira and Confluence start-up',
  signatures: [SMTP_OUTGOING, STARTUP_FAILURE, OTHER_PROVIDER],
  links: [],
  sources: [LINKS.atlassianSmtpServer, LINKS.seedKb],
  evaluate: () => null,
  notes(ctx) {
    const notes: string[] = [];
    if (otherProvider(ctx)) {
      notes.push(
        `This looks like a mailbox at another provider (Gmail/Google, Yahoo, Zoho or similar), not Microsoft 365, so this tool has no finding for it; it diagnoses Jira's mail with Exchange Online, incoming and outgoing. ${WHAT_TO_PASTE}`,
      );
    } else if (smtpInPlay(ctx) && !toMicrosoft365(ctx)) {
      notes.push(
        `This looks like outgoing mail (SMTP) through a server other than Microsoft 365 (an on-premises relay or another provider), which this tool does not cover; it diagnoses Jira's mail with Microsoft 365, incoming and outgoing. ${WHAT_TO_PASTE}`,
      );
    } else if (smtpInPlay(ctx) && ctx.found?.length === 0) {
      notes.push(
        "This is outgoing mail to Microsoft 365, but nothing here names a known problem. Paste the SMTP server's reply (535 …, 550 …, 451 …) from <jira-home>/log/atlassian-jira-outgoing-mail.log, or the error from ⚙ Administration > System > Outgoing mail > Send a test email.",
      );
    }
    // Only when nothing in the text is about reading mail: a mail handler's log mentions the database too.
    if (ctx.seen(STARTUP_FAILURE) && !ctx.facts.protocol && ctx.facts.errorCodes.length === 0) {
      notes.push(
        `This looks like a Jira or Confluence start-up, plug-in, database or directory problem, not Jira's mail with Microsoft 365, so this tool has no finding for it. ${WHAT_TO_PASTE}`,
      );
    }
    return notes;
  },
});
