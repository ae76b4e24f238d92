import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { groupScopes, RIGHT_SCOPES } from '../scopes.js';
import { APP_LINKS_SCREEN, ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { joinEvidence } from '../util.js';

const NO_REFRESH_TOKEN = signature(
  'no-refresh-token',
  /\bno refresh[_ ]token\b|refresh[_ ]token (?:is )?(?:null|missing|empty|not (?:returned|available|present|found))|without a refresh token/i,
  ['refresh'],
);

export default defineRule({
  id: 'oauth-offline-access-missing',
  title: 'The scopes lack offline_access, so Jira gets no refresh token',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  signatures: [NO_REFRESH_TOKEN],
  links: [LINKS.msImapOauth, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const scopes = groupScopes(ctx.facts);
    const mailScopes =
      scopes.bareGraph.length + scopes.graphPrefixed.length + scopes.outlook.length + scopes.bareImapOrPop.length;
    if (mailScopes === 0 || scopes.offlineAccess) return null;
    const symptom = ctx.seen(NO_REFRESH_TOKEN);
    return {
      confidence: symptom ? 'confirmed' : ctx.facts.scopes.length > 1 ? 'likely' : 'possible',
      cause: `The scopes (${ctx.facts.scopes.map((s) => `\`${s}\``).join(' ')}) do not include \`offline_access\`. Microsoft returns a refresh token only when offline_access is requested, so Jira can use the first access token for about an hour and then cannot renew it: the test passes, and the handler fails later ("OAuth token not defined for connection" in JSM).`,
      fix: [
        `In ${APP_LINKS_SCREEN}, add \`offline_access\` (bare, no address in front) to the scopes, separated by a space. ${RIGHT_SCOPES}`,
        `In ${ENTRA_PERMISSIONS_SCREEN}, make sure offline_access is listed and consented.`,
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(ctx.evidence(NO_REFRESH_TOKEN)),
      rank: 1,
    };
  },
});
