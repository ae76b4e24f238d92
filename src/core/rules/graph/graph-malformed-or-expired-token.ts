import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { REAUTHORIZE_STEP } from '../screens.js';

const MALFORMED_TOKEN = signature(
  'malformed-token',
  /IDX14100|IDX10223|CompactToken (?:parsing|validation) failed|Lifetime validation failed|JWT is not well formed|Access token has expired|\btoken is expired\b|\b80049217\b/i,
  [
    'idx14100',
    'idx10223',
    'compacttoken',
    'lifetime validation',
    'jwt is not well formed',
    'has expired',
    'is expired',
    '80049217',
  ],
);

export default defineRule({
  id: 'graph-malformed-or-expired-token',
  priority: 330,
  title: 'Graph got a broken, non-Graph or expired access token',
  checked: '2026-11',
  basis: 'reported',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [MALFORMED_TOKEN],
  links: [LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    if (!ctx.seen(MALFORMED_TOKEN)) return null;
    return {
      confidence: 'likely',
      cause:
        'Graph could not use the token it was sent: it is not a well-formed token, not an Entra work-account token for Graph (a personal Microsoft account token gets this too), or it has expired (access tokens last about an hour). For JSM this usually points at a refresh that failed just before, or at someone authorizing with a personal account.',
      fix: [
        'Look just before these lines for a refresh error with an AADSTS number and fix that first.',
        `${REAUTHORIZE_STEP} Use the work account, not a personal Microsoft account.`,
        "Make sure the Jira server's clock is synchronised (NTP).",
      ],
      evidence: ctx.evidence(MALFORMED_TOKEN),
      rank: 1,
    };
  },
});
