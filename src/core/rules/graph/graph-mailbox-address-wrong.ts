import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { EMAIL_REQUESTS_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';
import { appOnly, GRAPH_USER_NOT_FOUND } from './signals.js';

export default defineRule({
  id: 'graph-mailbox-address-wrong',
  priority: 270,
  title:
    'Graph cannot find the mailbox the request names (ErrorInvalidUser): the address is wrong or not in this tenant',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'Jira 9.17+ Graph with client credentials (it reads /users/<address>), and any app-only Graph mail client',
  signatures: [GRAPH_USER_NOT_FOUND],
  links: [LINKS.msGraphUser, LINKS.atlassianClientCredentialsKb],
  evaluate(ctx) {
    if (!ctx.seen(GRAPH_USER_NOT_FOUND)) return null;
    const invalidUser = ctx.evidence(GRAPH_USER_NOT_FOUND).some((e) => /ErrorInvalidUser|requested user/i.test(e.text));
    return {
      confidence: invalidUser ? 'confirmed' : appOnly(ctx) ? 'likely' : 'possible',
      cause:
        'An app that signs in as itself has no "me": it names the mailbox in the request (/users/<address>), and Graph found no user by that address in this tenant. Usually the channel\'s email address is a typo, an alias or a group address rather than the mailbox\'s own (primary SMTP address or UPN), a mailbox in another tenant, or one that was deleted or renamed.',
      fix: [
        `In ${EMAIL_REQUESTS_SCREEN} (JSM) or the mail server settings, check the email address is the mailbox's primary SMTP address (or its UPN) exactly, not an alias, a distribution group or a Microsoft 365 group.`,
        'In the Microsoft 365 admin center (or `Get-EXOMailbox <address>`), check the mailbox exists in the same tenant as the app registration and has an Exchange Online licence (a shared mailbox needs none).',
        'Save and run the connection test again.',
      ],
      evidence: joinEvidence(ctx.evidence(GRAPH_USER_NOT_FOUND)),
      rank: 3,
    };
  },
});
