import { LINKS } from '../../links.js';
import { REST_NOT_ENABLED } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { EMAIL_REQUESTS_SCREEN, REAUTHORIZE_STEP } from '../screens.js';

export default defineRule({
  id: 'graph-mailbox-not-rest-enabled',
  priority: 360,
  title: 'The signed-in account has no Exchange Online mailbox Graph can read',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [REST_NOT_ENABLED],
  links: [LINKS.msRestNotSupported],
  evaluate(ctx) {
    if (!ctx.seen(REST_NOT_ENABLED)) return null;
    return {
      confidence: 'confirmed',
      cause:
        "Graph says the signed-in user's mailbox is not a usable Exchange Online mailbox: it is on-premises or not yet migrated in a hybrid setup, has no Exchange Online licence, is inactive or soft-deleted, or the account that clicked Authorize (an admin, say) has no mailbox at all.",
      fix: [
        'Check that the account that authorizes has an Exchange Online licence and a mailbox in Exchange Online (migrate it if it is on-premises).',
        REAUTHORIZE_STEP,
        `For a mailbox that stays on-premises, use IMAP/POP against the on-premises server in ${EMAIL_REQUESTS_SCREEN} instead of Graph.`,
      ],
      evidence: ctx.evidence(REST_NOT_ENABLED),
      rank: 3,
    };
  },
});
