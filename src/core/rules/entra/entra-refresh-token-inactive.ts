import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-refresh-token-inactive',
  title: 'The refresh token expired because the handler was idle too long',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token refresh)',
  links: [LINKS.msErrorCodes, LINKS.msRefreshTokens],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-refresh-token-inactive');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra says the refresh token expired from inactivity (${describeCodes(codes)}). Refresh tokens last 90 days and renew each time they are used, so a handler that polls keeps its grant alive; one that was disabled, or a Jira that was down or idle for that long, loses it. The lifetime cannot be configured.`,
      fix: [REAUTHORIZE_ANY, 'Keep the handler enabled, and re-authorize after any long outage.'],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
