import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_AUTH_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

/** The mismatch in words: Entra's own ("… specified in the request does not match the redirect URIs …") or a person's. */
const REDIRECT_MISMATCH_WORDS = signature(
  'redirect-mismatch-words',
  /\bredirect[_ ]?ur[il]s?\b[^\n]{0,160}?\b(?:does not|doesn'?t|do not|don'?t|did not|didn'?t)\s{1,3}match\b|\bredirect[_ ]?ur[il]s?\s{0,3}mis-?match|\bmis-?match(?:ed)?\b[^\n]{0,40}?\bredirect[_ ]?ur[il]|\binput parameter 'redirect_uri' is not valid\b/i,
  ['redirect'],
);

export default defineRule({
  id: 'entra-redirect-uri-mismatch',
  priority: 570,
  title: "The redirect URI registered in Entra does not match Jira's Redirect URL",
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step in the browser)',
  signatures: [REDIRECT_MISMATCH_WORDS],
  links: [LINKS.msErrorCodes, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-redirect-uri-mismatch');
    const words = ctx.seen(REDIRECT_MISMATCH_WORDS);
    if (codes.length === 0 && !words) return null;
    return {
      confidence: codes.length > 0 ? codeConfidence(codes) : 'likely',
      cause: `During Authorize, Entra did not find Jira's redirect address among the app's registered redirect URIs (${codes.length > 0 ? describeCodes(codes) : 'the redirect URI does not match'}). They must match character for character: http vs https, host name vs alias, port and path all count. A reverse proxy or a wrong Jira base URL makes Jira show a different URL from the one registered.`,
      fix: [
        `Copy the Redirect URL shown at the bottom of the Microsoft application link in ${APP_LINKS_SCREEN}.`,
        `In ${ENTRA_AUTH_SCREEN}, add it under the Web platform, exactly as copied, and save.`,
        "Check that Jira's Base URL is the public URL users reach.",
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(REDIRECT_MISMATCH_WORDS)),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});
