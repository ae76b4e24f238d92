import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_PERMISSIONS_SCREEN } from '../screens.js';
import { codeLinks, joinEvidence, seenCodes } from '../util.js';
import { clientCredentialsStep } from '../versions.js';
import { GRAPH_ACCESS_DENIED } from './signals.js';

/** A client-credentials request for named scopes: app-only tokens only come for `<resource>/.default`. */
const DEFAULT_SCOPE_REQUIRED = signature(
  'default-scope-required',
  /scope value with \/\.default|must have a scope value with|\.default scope is required/i,
  // Not '.default' alone: Jira's logger names say ".DefaultIndexManager" and the like on most lines.
  ['scope value with', '.default scope is'],
);

export default defineRule({
  id: 'graph-auth-mode-mismatch',
  priority: 280,
  title:
    'The sign-in mode does not match the app: delegated scopes or permissions with client credentials, or the reverse',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'Jira 9.17+ application links (Client credentials or Authorization code) and any Graph mail client',
  signatures: [DEFAULT_SCOPE_REQUIRED, GRAPH_ACCESS_DENIED],
  links: [LINKS.atlassianClientCredentialsKb, LINKS.atlassianOutgoingLink, LINKS.msGraphAppOnly],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'graph-auth-mode-mismatch');
    const told = codes.length > 0 || ctx.seen(DEFAULT_SCOPE_REQUIRED);
    // Client credentials with named scopes and no `.default` among them.
    const namedOnly =
      ctx.facts.scopes.some((s) => /Mail\.|offline_access|User\.Read/.test(s)) &&
      !ctx.facts.scopes.some((s) => s.endsWith('.default'));
    // Named scopes next to client credentials are a mismatch only when something failed: a README or a healthy set-up
    // names the application permission (Mail.Read) in the same words.
    const failed = ctx.facts.errorCodes.length > 0 || ctx.seen(GRAPH_ACCESS_DENIED);
    const appOnlyWithNamedScopes = told || (ctx.facts.grant === 'app-only' && namedOnly && failed);
    // The user set the link to client credentials, yet the token that came back is a delegated one, or the reverse.
    const token = ctx.facts.token;
    const delegatedTokenAppOnlySetup = token?.scp !== undefined && ctx.said('app-only') && !ctx.said('delegated');
    const appTokenDelegatedSetup = token?.appOnly === true && ctx.said('delegated') && !ctx.said('app-only');
    if (!appOnlyWithNamedScopes && !delegatedTokenAppOnlySetup && !appTokenDelegatedSetup) return null;
    const step = clientCredentialsStep(ctx);
    return {
      confidence: told ? 'confirmed' : 'likely',
      cause: appOnlyWithNamedScopes
        ? 'The request uses client credentials (app-only), which only ever gets a token for `<resource>/.default`, yet it asks for named delegated scopes such as Mail.ReadWrite and offline_access. Those belong to the delegated link (Authorization code grant, Authorize as the mailbox). The grant type and the scopes must come from the same mode.'
        : delegatedTokenAppOnlySetup
          ? 'You set the app up for app-only access (client credentials, application permissions), but the token in the paste was issued to a signed-in user (it has scopes, not roles): the link or client still runs the delegated flow, which ignores application permissions.'
          : 'You set the app up for delegated access, but the token in the paste was issued to the application itself (roles, no user): the link or client runs client credentials, which ignores delegated permissions and cannot read "/me".',
      fix: [
        ...(step ? [step] : []),
        `Decide on one mode. App-only (Jira 9.17+): in ${APP_LINKS_SCREEN}, edit the Microsoft link, choose the grant type Client credentials, set the scope to \`https://graph.microsoft.com/.default\`, and give the app Application permissions (Mail.ReadWrite, User.Read.All) with admin consent in ${ENTRA_PERMISSIONS_SCREEN}.`,
        'Delegated: choose the Authorization code grant, scopes `Mail.ReadWrite offline_access` (no Graph address in front), delegated permissions with consent, then Authorize as the mailbox account itself.',
        'Save, and run the connection test of the channel again.',
      ],
      evidence: joinEvidence(
        ctx.codeEvidence(...codes),
        ctx.evidence(DEFAULT_SCOPE_REQUIRED),
        ctx.saidEvidence('app-only', 'delegated'),
      ),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});
