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
  title: 'An app-only Graph token asks for /me, which only exists for a signed-in user',
  basis: 'documented',
  appliesTo: 'Mail clients that read mail with Microsoft Graph and an app-only (client credentials) token',
  signatures: [ME_WITHOUT_USER],
  links: [LINKS.msGraphAppOnly],
  evaluate(ctx) {
    if (!ctx.seen(ME_WITHOUT_USER)) return null;
    return {
      confidence: 'confirmed',
      cause:
        'The client signs in as the application (client credentials), so its token has no user in it, and Graph cannot tell whose mailbox "/me" is. Graph answers that a /me request needs a delegated (signed-in user) token. JSM itself signs in as the mailbox user, so this comes from a client or script set up for app-only access.',
      fix: [
        'Name the mailbox in the request instead of /me: `/users/<mailbox address or id>/mailFolders/inbox/messages`.',
        'Give the app the application permission it needs (Mail.Read or Mail.ReadWrite, Application type) with admin consent, and limit it to that mailbox with an Exchange application access policy.',
        'Or switch the client to a delegated sign-in as the mailbox user, if it should act as that user.',
      ],
      evidence: ctx.evidence(ME_WITHOUT_USER),
      rank: 3,
    };
  },
});
