import { LINKS } from '../../links.js';
import { GRANTED_SCOPES, signature } from '../../signatures.js';
import { signInFailed } from '../imap/signals.js';
import { defineRule } from '../rule.js';
import { groupScopes, RIGHT_SCOPES } from '../scopes.js';
import { APP_LINKS_SCREEN, ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { joinEvidence } from '../util.js';

/** The client has no refresh token to renew with, in the words clients and people use for it. */
const NO_REFRESH_TOKEN = signature(
  'no-refresh-token',
  /\bno refresh[_ ]tokens?\b|\brefresh[_ ]token\W{0,3}\s{0,3}(?:is\s{1,3}|was\s{1,3})?(?:null|None|nil|missing|empty|undefined|not\s{1,3}(?:returned|available|present|found|provided|included))\b|\bwithout (?:a )?refresh[_ ]token\b|KeyError:\s{0,3}'refresh_token'|must contain the following parameter:\s{0,3}'refresh_token'|Nothing as refresh token/i,
  ['refresh'],
);
/** The user ties the missing refresh token to offline_access themselves. */
const REFRESH_NEEDS_OFFLINE = signature(
  'refresh-needs-offline-access',
  /refresh[_ ]tokens?\b[^\n]{0,120}\boffline_access\b|\boffline_access\b[^\n]{0,120}\brefresh[_ ]tokens?\b/i,
  ['offline_access'],
);
/** App-only (client credentials) and password (ROPC) flows never use a refresh token from the mail client. */
const NO_REFRESH_FLOW = signature(
  'no-refresh-flow',
  /client[_ ]credentials|AcquireTokenForClient|acquire_token_for_client|acquireTokenByClientCredential|ConfidentialClientApplication|AcquireTokenByUsernamePassword|grant_type=password\b/i,
  [
    'client_credentials',
    'client credentials',
    'acquiretokenforclient',
    'acquire_token_for_client',
    'clientcredential',
    'confidentialclientapplication',
    'usernamepassword',
    'grant_type=password',
  ],
);

export default defineRule({
  id: 'oauth-offline-access-missing',
  priority: 510,
  title: 'The scopes lack offline_access, so Jira gets no refresh token',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  signatures: [NO_REFRESH_TOKEN, REFRESH_NEEDS_OFFLINE, NO_REFRESH_FLOW, GRANTED_SCOPES],
  links: [LINKS.msImapOauth, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const scopes = groupScopes(ctx.facts);
    if (scopes.offlineAccess && !ctx.seen(REFRESH_NEEDS_OFFLINE)) return null;
    const symptom = ctx.seen(NO_REFRESH_TOKEN) || ctx.seen(REFRESH_NEEDS_OFFLINE);
    if (ctx.seen(GRANTED_SCOPES) && !symptom) return null;
    // Only delegated scopes are renewed with a refresh token; `.default` is how an app-only token is asked for.
    const delegated = ctx.facts.scopes.filter((s) => !s.endsWith('/.default') && !/^(?:openid|profile|email)$/.test(s));
    if (ctx.seen(NO_REFRESH_FLOW) && !symptom) return null;
    if (!symptom && delegated.length === 0) return null;
    // Scopes quoted beside some other error are a lint, not the likely cause of that error.
    const otherFailure = ctx.facts.errorCodes.length > 0 || ctx.facts.exceptions.length > 0 || signInFailed(ctx);
    const listed = delegated.length > 0 ? ` (${delegated.map((s) => `\`${s}\``).join(' ')})` : '';
    return {
      confidence:
        symptom && delegated.length > 0
          ? 'confirmed'
          : symptom || (delegated.length > 1 && !otherFailure)
            ? 'likely'
            : 'possible',
      cause: `${symptom ? 'The client has no refresh token to renew its access with. ' : ''}The scopes${listed} ${delegated.length > 0 ? 'do' : 'probably do'} not include \`offline_access\`. Microsoft returns a refresh token only when offline_access is requested, so the client can use the first access token for about an hour and then cannot renew it: the test passes, and the handler fails later ("OAuth token not defined for connection" in JSM).`,
      fix: [
        `In ${APP_LINKS_SCREEN}, add \`offline_access\` (bare, no address in front) to the scopes, separated by a space. ${RIGHT_SCOPES}`,
        `In ${ENTRA_PERMISSIONS_SCREEN}, make sure offline_access is listed and consented.`,
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(ctx.evidence(NO_REFRESH_TOKEN, REFRESH_NEEDS_OFFLINE)),
      rank: symptom ? 2 : 0,
    };
  },
});
