import { isUsGov } from '../../clouds.js';
import { LINKS } from '../../links.js';
import { SOVEREIGN_MENTION, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes, sovereignHint } from '../util.js';

/** Entra's words for a request that crossed national clouds (AADSTS900432, 900382, 90038 say it). */
const CROSS_CLOUD_WORDS = signature(
  'cross-cloud-words',
  /\bcross[- ]cloud requests?\b|\bbelongs to another (?:national )?cloud\b/i,
  ['cross cloud', 'cross-cloud', 'another cloud', 'another national cloud'],
);

export default defineRule({
  id: 'entra-cross-cloud-authority',
  priority: 440,
  title: 'A government-cloud tenant is used through the worldwide login host',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (GCC High, DoD, 21Vianet tenants)',
  signatures: [SOVEREIGN_MENTION, CROSS_CLOUD_WORDS],
  links: [LINKS.msErrorCodes, LINKS.msGraphDeployments, LINKS.msNationalCloudsSdk, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-cross-cloud-authority');
    const tenant90002 = ctx.hasCode('AADSTS90002') && sovereignHint(ctx);
    const worldwideLogin = ctx.facts.endpoints.filter((e) => e.startsWith('https://login.microsoftonline.com/'));
    const lint = isUsGov(ctx.facts.cloud) && worldwideLogin.length > 0;
    const words = ctx.seen(CROSS_CLOUD_WORDS);
    if (codes.length === 0 && !tenant90002 && !lint && !words) return null;
    const shown = tenant90002 ? [...codes, 'AADSTS90002'] : codes;
    const fix = [
      `In ${APP_LINKS_SCREEN}, create (or edit) the Microsoft application link with the Custom provider.`,
      'Set the authorization endpoint to `https://login.microsoftonline.us/<tenant-id>/oauth2/v2.0/authorize` and the token endpoint to `https://login.microsoftonline.us/<tenant-id>/oauth2/v2.0/token` (GCC High and DoD).',
      'Register the app in the Azure Government portal (portal.azure.us), not in the worldwide portal.',
      'Use the IMAP/POP scopes with the outlook.office365.us prefix; the JSM Graph protocol cannot work in these clouds (JSDSERVER-14090).',
      REAUTHORIZE_ANY,
    ];
    if (codes.length > 0 || tenant90002 || words) {
      return {
        confidence: words ? 'confirmed' : codes.length > 0 ? codeConfidence(codes) : 'likely',
        cause: `Entra says the request crossed clouds (${shown.length > 0 ? describeCodes(shown) : 'not supported in cross-cloud requests'}): the tenant lives in a national cloud (GCC High, DoD or 21Vianet), but the application link signs in through the worldwide login.microsoftonline.com, or the app was registered in the wrong cloud's portal.`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...shown), ctx.evidence(CROSS_CLOUD_WORDS, SOVEREIGN_MENTION)),
        links: codeLinks(shown),
        rank: 3,
      };
    }
    return {
      confidence: 'likely',
      cause: `The paste places the tenant in a US government cloud, but the application link's endpoints use the worldwide login host (${worldwideLogin.map((e) => `\`${e}\``).join(', ')}). GCC High and DoD tenants sign in at login.microsoftonline.us; through the worldwide host Entra answers with cross-cloud errors (AADSTS900382, AADSTS90038 or AADSTS90002).`,
      fix,
      evidence: ctx.evidence(SOVEREIGN_MENTION),
      rank: 2,
    };
  },
});
