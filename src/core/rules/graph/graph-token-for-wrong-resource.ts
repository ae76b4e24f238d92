import { isSovereign } from '../../clouds.js';
import { LINKS } from '../../links.js';
import {
  BARE_GRAPH_SCOPES,
  GRAPH_MAIL_CALL,
  INVALID_AUDIENCE,
  OUTLOOK_SCOPE,
  PLAIN_GCC_SURE,
} from '../../signatures.js';
import { SCOPES_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { APP_LINKS_SCREEN, EMAIL_REQUESTS_SCREEN, ENTRA_APP_SCREEN, REAUTHORIZE_STEP } from '../screens.js';
import { graphInUse, worldwideGraphSure } from '../util.js';

const FIX = [
  `In ${APP_LINKS_SCREEN}, create a separate Microsoft application link just for the Graph protocol, with the scopes \`Mail.ReadWrite offline_access\`. Keep the IMAP/POP link as it is if other handlers use it.`,
  `In ${ENTRA_APP_SCREEN} > API permissions, add the delegated Microsoft Graph permissions Mail.ReadWrite and offline_access and grant consent.`,
  `In ${EMAIL_REQUESTS_SCREEN}, edit the channel and pick the new Graph application link as its authentication method.`,
  REAUTHORIZE_STEP,
];

export default defineRule({
  id: 'graph-token-for-wrong-resource',
  priority: 390,
  title: 'The Graph channel uses an IMAP/POP application link, so its token is for Exchange, not Graph',
  checked: '2026-11',
  basis: 'inferred',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [INVALID_AUDIENCE, OUTLOOK_SCOPE, GRAPH_MAIL_CALL, BARE_GRAPH_SCOPES, PLAIN_GCC_SURE],
  links: [LINKS.msResolveAuthErrors, LINKS.seedKb],
  evaluate(ctx) {
    const { facts } = ctx;
    const scopes = groupScopes(facts);
    const audienceError = ctx.seen(INVALID_AUDIENCE);
    const graphChannel = audienceError || graphInUse(ctx);
    // An ID token or a token for some other API says nothing about what Jira sends to Graph.
    const token = facts.token?.resource === 'other' ? undefined : facts.token;
    if (token?.resource === 'outlook' && graphChannel) {
      return {
        confidence: 'confirmed',
        cause: `The pasted access token was issued for Exchange Online (aud \`${token.aud}\`), not for Microsoft Graph, and Graph only accepts tokens addressed to itself. A token like this comes from an application link with IMAP/POP (Outlook) scopes; the Graph channel needs a link of its own.`,
        fix: FIX,
        evidence: [
          ...ctx.evidence(INVALID_AUDIENCE),
          { line: token.line, text: `access token with aud ${token.aud}` },
        ].slice(0, 3),
        rank: 3,
      };
    }
    if (scopes.outlook.length > 0 && graphChannel) {
      const listed = scopes.outlook.map((s) => `\`${s}\``).join(', ');
      return {
        confidence: audienceError ? 'likely' : 'possible',
        cause: `The application link behind this Graph channel asks for Exchange Online scopes (${listed}). Microsoft then issues a token for Exchange, and Graph rejects any token that is not addressed to Graph, which is what "Invalid audience" says.`,
        fix: FIX,
        evidence: ctx.evidence(INVALID_AUDIENCE, OUTLOOK_SCOPE),
        rank: 2,
      };
    }
    const onlyBareGraph =
      scopes.bareGraph.length > 0 && scopes.graphPrefixed.length === 0 && scopes.outlook.length === 0;
    const worldwideSure = worldwideGraphSure(ctx);
    if (audienceError && onlyBareGraph && worldwideSure && !token) {
      // Right scopes and a worldwide tenant rule out the KB's two causes : look at the link in use.
      return {
        confidence: 'possible',
        cause:
          "The scopes you quote are the right ones and the tenant uses the worldwide Graph, so neither of the KB's causes fits. The token Graph refused was most likely not made with these scopes: the channel may be using another application link (an IMAP/POP one gives an Exchange token), or it was authorized before the scopes were corrected.",
        fix: [
          `In ${EMAIL_REQUESTS_SCREEN}, open the channel and note which application link it uses; in ${APP_LINKS_SCREEN}, check that this very link has the scopes \`Mail.ReadWrite offline_access\`.`,
          ...FIX.slice(1),
        ],
        evidence: ctx.evidence(INVALID_AUDIENCE, BARE_GRAPH_SCOPES),
        rank: 1,
      };
    }
    // In a government cloud the audience error is explained already; only the scopes could add a second cause.
    if (!audienceError || scopes.known || token || isSovereign(facts.cloud)) return null;
    return {
      confidence: 'possible',
      cause:
        "Graph refused the token because it was addressed to another API. The most common way to get there is reusing an IMAP/POP application link (scopes on https://outlook.office.com/) for the Graph channel, which yields an Exchange token. The paste does not show the link's scopes, so this is not settled yet.",
      fix: FIX,
      evidence: ctx.evidence(INVALID_AUDIENCE),
      rank: 3,
      questions: [SCOPES_QUESTION],
    };
  },
});
