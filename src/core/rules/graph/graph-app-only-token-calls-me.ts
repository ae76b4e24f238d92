import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';

/** Graph's own words when a token without a signed-in user asks for "me". */
const ME_WITHOUT_USER = signature(
  'me-without-user',
  /\/me request is only valid with delegated authentication flow|Current authenticated context is not valid for this request/i,
  ['/me request', 'authenticated context is not valid'],
);

export default defineRule({
  id: 'graph-app-only-token-calls-me',
  priority: 310,
  title: 'An app-only Graph token asks for /me, which only exists for a signed-in user',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'Mail clients that read mail with Microsoft Graph and an app-only (client credentials) token',
  signatures: [ME_WITHOUT_USER],
  links: [LINKS.msGraphAppOnly, LINKS.msRbacApplications],
  evaluate(ctx) {
    if (!ctx.seen(ME_WITHOUT_USER)) return null;
    return {
      confidence: 'confirmed',
      cause:
        'The client signs in as the application (client credentials), so its token has no user in it, and Graph cannot tell whose mailbox "/me" is. Graph answers that a /me request needs a delegated (signed-in user) token. Jira 9.17 and later read Graph this way when the link uses the Client credentials grant, and then name the mailbox themselves; a client or script that still asks for /me was written for a delegated sign-in.',
      fix: [
        'Name the mailbox in the request instead of /me: `/users/<mailbox address or id>/mailFolders/inbox/messages`.',
        'Give the app the application permission it needs (Mail.Read or Mail.ReadWrite, Application type) with admin consent, and limit it to that mailbox with Exchange RBAC for Applications (`New-ManagementRoleAssignment -App … -CustomResourceScope …`; new Application Access Policies are no longer to be created).',
        'Or switch the client to a delegated sign-in as the mailbox user, if it should act as that user.',
      ],
      evidence: ctx.evidence(ME_WITHOUT_USER),
      rank: 3,
    };
  },
});
