import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { ENTRA_AUTH_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-redirect-registered-wrong-platform',
  title: "Jira's redirect URI is registered as a single-page app or mobile/desktop, not as Web",
  basis: 'reported',
  appliesTo: 'All handlers and protocols (Authorize and refresh)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-redirect-registered-wrong-platform');
    if (codes.length === 0) return null;
    return {
      confidence: 'likely',
      cause: `Entra treats the app as the wrong kind of client (${describeCodes(codes)}). Jira is a confidential web client that redeems the code on the server with a secret, so its redirect URI must sit under the Web platform; under Single-page application or Mobile and desktop, redemption fails or the refresh token dies after 24 hours. (Microsoft documents the codes; the link to the platform setting comes from community reports.)`,
      fix: [
        `In ${ENTRA_AUTH_SCREEN}, remove Jira's redirect URI from the Single-page application and Mobile and desktop platforms.`,
        'Add it under Add a platform > Web, exactly as Jira shows it, and save.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
