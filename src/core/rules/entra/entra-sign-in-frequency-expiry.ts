import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-sign-in-frequency-expiry',
  priority: 470,
  title: 'A Conditional Access sign-in frequency limit ends the refresh token',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token refresh)',
  links: [LINKS.msErrorCodes, LINKS.msRefreshTokens],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-sign-in-frequency-expiry');
    if (codes.length === 0) return null;
    return {
      confidence: codeConfidence(codes),
      cause: `Entra ended the refresh token because of a Conditional Access sign-in frequency control (${describeCodes(codes)}). It fails again on a fixed interval (for example every 1 or 7 days after authorizing).`,
      fix: [
        'In the Conditional Access policy that sets the sign-in frequency, exclude the Jira app or the service mailbox account.',
        'Or accept the interval and re-authorize each time.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
