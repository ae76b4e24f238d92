import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_SECRETS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-client-secret-missing',
  priority: 590,
  title: 'The token request reached Entra without a client secret',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (code redemption and refresh)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-client-secret-missing');
    if (codes.length === 0) return null;
    return {
      confidence: codeConfidence(codes),
      cause: `Entra says the token request carried no client secret (${describeCodes(codes)}). The Client secret field of the Jira application link is empty or was cleared, or the app registration expects a confidential client while the request came as a public one.`,
      fix: [
        `In ${ENTRA_SECRETS_SCREEN}, create a new client secret and copy its Value.`,
        `In ${APP_LINKS_SCREEN}, edit the Microsoft application link, paste the Value into Client secret and save.`,
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});
