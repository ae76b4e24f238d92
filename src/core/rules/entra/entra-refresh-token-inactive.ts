import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const TOKEN_WORDS = signature(
  'token-words',
  /\btoken\b|\bOAuth ?2?\b|\bauthori[sz]\w{0,6}/i,
  ['token', 'oauth', 'authori'],
  {
    broad: true,
  },
);

export default defineRule({
  id: 'entra-refresh-token-inactive',
  priority: 500,
  title: 'The refresh token expired because the handler was idle too long',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token refresh)',
  signatures: [TOKEN_WORDS],
  links: [LINKS.msErrorCodes, LINKS.msRefreshTokens],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-refresh-token-inactive');
    // "It stopped after exactly 90 days": the inactivity lifetime of a refresh token, in the user's words.
    const ninety = ctx.said('after-90-days') && ctx.seen(TOKEN_WORDS);
    if (codes.length === 0 && !ninety) return null;
    return {
      confidence: codes.length > 0 ? codeConfidence(codes) : 'possible',
      cause: `${codes.length > 0 ? `Entra says the refresh token expired from inactivity (${describeCodes(codes)})` : 'The failure came 90 days after authorizing, which is the lifetime of an unused refresh token'}. Refresh tokens last 90 days and renew each time they are used, so a handler that polls keeps its grant alive; one that was disabled, or a Jira that was down or idle for that long, loses it. The lifetime cannot be configured.`,
      fix: [REAUTHORIZE_ANY, 'Keep the handler enabled, and re-authorize after any long outage.'],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.saidEvidence('after-90-days')),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
