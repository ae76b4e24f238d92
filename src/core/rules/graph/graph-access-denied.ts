import { LINKS } from '../../links.js';
import { ODATA_DISABLED, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_STEP } from '../screens.js';

const GRAPH_ACCESS_DENIED = signature(
  'graph-access-denied',
  /ErrorAccessDenied|Access is denied\. Check credentials/i,
  ['erroraccessdenied', 'access is denied'],
);

export default defineRule({
  id: 'graph-access-denied',
  title: 'Graph denies access to the mailbox (403 ErrorAccessDenied)',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [GRAPH_ACCESS_DENIED, ODATA_DISABLED],
  links: [LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    if (!ctx.seen(GRAPH_ACCESS_DENIED) || ctx.seen(ODATA_DISABLED)) return null;
    return {
      confidence: 'likely',
      cause:
        "Graph accepted the token but refused the mailbox (403 ErrorAccessDenied). Any of these does it: the token lacks the delegated mail permission (the scope was not requested or consented); the app was given application permissions while JSM signs in as a user (delegated), and the two must match; the authorizing account has no Exchange Online licence; or the call reads a mailbox that is not the signed-in user's own and was not shared with them.",
      fix: [
        `In ${ENTRA_PERMISSIONS_SCREEN}, add the delegated Microsoft Graph permissions Mail.ReadWrite (JSM marks and moves messages, so it needs write) and offline_access.`,
        'Grant admin consent.',
        'Make sure the account that authorizes is the mailbox owner and has an Exchange Online licence.',
        REAUTHORIZE_STEP,
      ],
      evidence: ctx.evidence(GRAPH_ACCESS_DENIED),
      rank: 2,
    };
  },
});
