import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_AUTH_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

/** Entra's words when a code meets the wrong client type: PKCE or cross-origin redemption (browser-only clients). */
const CLIENT_TYPE_WORDS = signature(
  'client-type-words',
  /Proof Key for Code Exchange is required|cross-origin (?:authorization )?code redemption|may only be redeemed via cross-origin requests/i,
  ['proof key for code exchange', 'cross-origin'],
);

export default defineRule({
  id: 'entra-redirect-registered-wrong-platform',
  priority: 560,
  title: "Jira's redirect URI is registered as a single-page app or mobile/desktop, not as Web",
  checked: '2026-11',
  basis: 'reported',
  appliesTo: 'All handlers and protocols (Authorize and refresh)',
  signatures: [CLIENT_TYPE_WORDS],
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-redirect-registered-wrong-platform');
    const words = ctx.seen(CLIENT_TYPE_WORDS);
    if (codes.length === 0 && !words) return null;
    return {
      confidence: 'likely',
      cause: `Entra treats the app as the wrong kind of client (${codes.length > 0 ? describeCodes(codes) : 'a browser-only code redemption rule'}). Jira is a confidential web client that redeems the code on the server with a secret, so its redirect URI must sit under the Web platform; under Single-page application or Mobile and desktop, redemption fails or the refresh token dies after 24 hours. (Microsoft documents the codes; the link to the platform setting comes from community reports.)`,
      fix: [
        `In ${ENTRA_AUTH_SCREEN}, remove Jira's redirect URI from the Single-page application and Mobile and desktop platforms.`,
        'Add it under Add a platform > Web, exactly as Jira shows it, and save.',
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(CLIENT_TYPE_WORDS)),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
