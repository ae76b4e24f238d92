import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { ENTRA_ENTERPRISE_APP_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-user-not-in-tenant-or-not-assigned',
  priority: 460,
  title: 'The account used to Authorize is not in the tenant, not assigned to the app, or cannot sign in',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-user-not-in-tenant-or-not-assigned');
    if (codes.length === 0) return null;
    return {
      confidence: codeConfidence(codes),
      cause: `Entra refused the account that signed in during Authorize (${describeCodes(codes)}). Typically someone signed in with the wrong account (a personal one, or one from another tenant), the enterprise app requires assignment and the mailbox user is not assigned, or the account is disabled, locked or has an expired password.`,
      fix: [
        'Authorize again in a private browser window, signed in as the mailbox account of the right tenant.',
        `If assignment is required, add the mailbox user in ${ENTRA_ENTERPRISE_APP_SCREEN} > Users and groups.`,
        'If the account is disabled, locked or its password expired, have an administrator fix the account first.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
