import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-auth-code-reused',
  priority: 450,
  title: 'The authorization code was redeemed twice',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-auth-code-reused');
    if (codes.length === 0) return null;
    return {
      confidence: codeConfidence(codes),
      cause: `Entra says the authorization code had already been used (${describeCodes(codes)}). Each code works once; this usually means Jira's callback page was refreshed, opened again with the back button, or submitted twice.`,
      fix: [
        'Start the Authorize flow again from Jira (a new code is issued), and do not refresh or go back on the callback page.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 1,
    };
  },
});
