import { isSovereign } from '../../clouds.js';
import { LINKS } from '../../links.js';
import { INVALID_AUDIENCE, signature } from '../../signatures.js';
import { isImapOrPop } from '../imap/signals.js';
import { SCOPES_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { APP_LINKS_SCREEN, ENTRA_APP_SCREEN, REAUTHORIZE_STEP } from '../screens.js';
import { graphInUse } from '../util.js';

const GRAPH_PREFIXED_SCOPE = signature(
  'graph-prefixed-scope',
  /https:\/\/graph\.microsoft\.com\/(?:Mail\.|User\.|MailboxSettings\.|offline_access|\.default)/,
  ['graph.microsoft.com/'],
);

const FIX = [
  `Open ${APP_LINKS_SCREEN} and edit the Microsoft application link that the mail channel uses.`,
  'Replace the scopes with exactly `Mail.ReadWrite offline_access`: short names, separated by a space, no https://graph.microsoft.com/ in front of either.',
  `Save, then check ${ENTRA_APP_SCREEN} > API permissions lists the delegated Microsoft Graph permissions Mail.ReadWrite and offline_access, with consent granted.`,
  REAUTHORIZE_STEP,
];

export default defineRule({
  id: 'graph-scope-domain-prefix',
  priority: 630,
  title: 'The application link writes the Graph address in front of its scopes',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [INVALID_AUDIENCE, GRAPH_PREFIXED_SCOPE],
  links: [LINKS.seedKb, LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    const { facts } = ctx;
    const scopes = groupScopes(facts);
    const audienceError = ctx.seen(INVALID_AUDIENCE);
    const prefixed = scopes.worldwideGraphPrefixed;
    // Graph scopes used for an IMAP/POP sign-in are the IMAP rule's case, not the Graph channel's.
    if (isImapOrPop(ctx) && !graphInUse(ctx) && !audienceError) return null;
    if (prefixed.length > 0) {
      const listed = prefixed.map((s) => `\`${s}\``).join(', ');
      const offline = scopes.prefixedOfflineAccess
        ? ' `offline_access` is not a Graph permission at all (it is the OpenID Connect request for a refresh token), so giving it a Graph address is certainly wrong.'
        : ' Microsoft accepts a Graph address in front of a Graph permission in general, so this is the documented fix rather than a proven mechanism.';
      return {
        confidence: audienceError ? 'confirmed' : scopes.prefixedOfflineAccess ? 'likely' : 'possible',
        cause: `Your application link asks Microsoft for scopes written with the Graph address in front of them (${listed}). Atlassian's KB traces JSM's "Invalid audience" to exactly this: the Graph mail handler wants the short names \`Mail.ReadWrite offline_access\`.${offline}`,
        fix: FIX,
        evidence: ctx.evidence(INVALID_AUDIENCE, GRAPH_PREFIXED_SCOPE),
        rank: 3,
      };
    }
    if (!audienceError || scopes.known || isSovereign(facts.cloud)) return null;
    // An ID token or a token for some other API says nothing about what Jira sends to Graph.
    const token = facts.token?.resource === 'other' ? undefined : facts.token;
    if (token && token.resource !== 'graph') return null;
    if (token) {
      return {
        confidence: 'possible',
        cause: `The pasted access token is a worldwide Microsoft Graph token (aud \`${token.aud}\`), which rules out a token for another API or another cloud. Of the KB's causes that leaves the scopes: the application link may be asking for them with the Graph address in front. (A Graph token that Graph itself rejects may also simply not be the token Jira sent; check the scopes first.)`,
        fix: FIX,
        evidence: [
          ...ctx.evidence(INVALID_AUDIENCE),
          { line: token.line, text: `access token with aud ${token.aud}` },
        ].slice(0, 3),
        rank: 1,
        questions: [SCOPES_QUESTION],
      };
    }
    return {
      confidence: 'possible',
      cause:
        "Graph refused the token's audience. One documented cause is an application link whose scopes carry the Graph address in front of them (for example `https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/offline_access`); the paste does not show the scopes, so this cannot be settled yet.",
      fix: FIX,
      evidence: ctx.evidence(INVALID_AUDIENCE),
      rank: 2,
      questions: [SCOPES_QUESTION],
    };
  },
});
