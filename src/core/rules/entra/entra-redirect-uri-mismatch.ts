import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_AUTH_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-redirect-uri-mismatch',
  title: "The redirect URI registered in Entra does not match Jira's Redirect URL",
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step in the browser)',
  links: [LINKS.msErrorCodes, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-redirect-uri-mismatch');
    if (codes.length === 0) return null;
    return {
      confidence: codeConfidence(codes),
      cause: `During Authorize, Entra did not find Jira's redirect address among the app's registered redirect URIs (${describeCodes(codes)}). They must match character for character: http vs https, host name vs alias, port and path all count. A reverse proxy or a wrong Jira base URL makes Jira show a different URL from the one registered.`,
      fix: [
        `Copy the Redirect URL shown at the bottom of the Microsoft application link in ${APP_LINKS_SCREEN}.`,
        `In ${ENTRA_AUTH_SCREEN}, add it under the Web platform, exactly as copied, and save.`,
        "Check that Jira's Base URL is the public URL users reach.",
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});
