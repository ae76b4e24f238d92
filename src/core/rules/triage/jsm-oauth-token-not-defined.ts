import { LINKS } from '../../links.js';
import { COULDNT_CONNECT, COULDNT_OPEN_INBOX, signature } from '../../signatures.js';
import { TOKEN_NOT_DEFINED_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { REAUTHORIZE_STEP } from '../screens.js';

const OAUTH_TOKEN_NOT_DEFINED = signature('oauth-token-not-defined', /OAuth token not defined for connection/i, [
  'oauth token not defined',
]);

export default defineRule({
  id: 'jsm-oauth-token-not-defined',
  priority: 70,
  title: 'JSM has no usable OAuth token for the channel (umbrella message)',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'JSM Email requests (any protocol)',
  signatures: [OAUTH_TOKEN_NOT_DEFINED, COULDNT_CONNECT, COULDNT_OPEN_INBOX],
  links: [LINKS.atlassianSecretExpiredKb, LINKS.atlassianOauthCannotConfigureKb],
  evaluate(ctx) {
    const umbrella = ctx.seen(OAUTH_TOKEN_NOT_DEFINED) || (ctx.seen(COULDNT_CONNECT) && !ctx.seen(COULDNT_OPEN_INBOX));
    if (!umbrella) return null;
    // A deciding line is already in the paste: the specific rule answers, this one would only repeat it.
    if (ctx.facts.errorCodes.some((c) => c.startsWith('AADSTS'))) return null;
    const scopes = groupScopes(ctx.facts);
    if (scopes.known && !scopes.offlineAccess) return null;
    return {
      confidence: 'possible',
      cause:
        'JSM has no valid token for this channel. That message is an umbrella; the causes, most common first: (1) the client secret in Entra expired (AADSTS7000222); (2) the token refresh failed for another reason: offline_access missing from the scopes, the refresh token expired from inactivity (AADSTS700082), was revoked (AADSTS50173), or was blocked by Conditional Access or a sign-in frequency policy (AADSTS53003, AADSTS70043); (3) the channel was never authorized, or its application link was edited or recreated. The AADSTS line in atlassian-jira.log or atlassian-jira-incoming-mail.log decides.',
      fix: [
        'Search <jira-home>/log/atlassian-jira.log and atlassian-jira-incoming-mail.log for "AADSTS" or "Refresh Token Failed" and paste that line here: it names the cause.',
        'Fix that cause (for an expired secret: a new secret Value in the application link).',
        `Then re-authorize the channel: ${REAUTHORIZE_STEP}`,
      ],
      evidence: ctx.evidence(OAUTH_TOKEN_NOT_DEFINED, COULDNT_CONNECT),
      rank: 3,
      questions: [TOKEN_NOT_DEFINED_QUESTION],
    };
  },
});
