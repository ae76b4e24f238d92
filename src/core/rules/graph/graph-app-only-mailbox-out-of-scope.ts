import { LINKS } from '../../links.js';
import { ODATA_DISABLED, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { joinEvidence } from '../util.js';
import { AAP_RETIRED, appOnly, GRAPH_ACCESS_DENIED } from './signals.js';

/** Test-ServicePrincipalAuthorization answering that the mailbox is outside the app's scope. */
const FORBIDDEN = signature('http-403-forbidden', /\b403\b[^\n]{0,20}\bForbidden\b|\bForbidden\b[^\n]{0,10}\b403\b/i, [
  '403',
]);
// Test-ServicePrincipalAuthorization prints `InScope : False` as a list, or a table row ending in False.
const NOT_IN_SCOPE = signature(
  'rbac-not-in-scope',
  /\bInScope\b[^\n]{0,80}\bFalse\b|^\s{0,8}Application [A-Za-z.]{3,40}\b[^\n]{0,200}\bFalse\s{0,3}$/im,
  ['inscope', 'application '],
);

export default defineRule({
  id: 'graph-app-only-mailbox-out-of-scope',
  priority: 290,
  title: "App-only Graph: Exchange's RBAC for Applications scope leaves this mailbox out",
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'Jira 9.17+ Graph with client credentials, and any app reading mail with application permissions',
  signatures: [GRAPH_ACCESS_DENIED, FORBIDDEN, NOT_IN_SCOPE, ODATA_DISABLED],
  links: [LINKS.msRbacApplications, LINKS.msTestServicePrincipalAuthorization, LINKS.msNewApplicationAccessPolicy],
  retired: [AAP_RETIRED],
  evaluate(ctx) {
    const scoped = ctx.said('rbac-scope');
    const outOfScope = ctx.seen(NOT_IN_SCOPE) && scoped;
    // A bare 403 counts only where the text is about an app limited to some mailboxes.
    const denied = (ctx.seen(GRAPH_ACCESS_DENIED) || (scoped && ctx.seen(FORBIDDEN))) && appOnly(ctx);
    if (!outOfScope && !(denied && scoped) && !denied) return null;
    if (ctx.seen(ODATA_DISABLED)) return null;
    return {
      confidence: outOfScope ? 'confirmed' : scoped ? 'likely' : 'possible',
      cause: `${outOfScope ? 'Test-ServicePrincipalAuthorization says the mailbox is not in the scope the app was given.' : 'The app signs in as itself and Graph refused the mailbox (403).'} Exchange Online lets an admin limit which mailboxes an app may open with RBAC for Applications: a role assignment for the app's service principal, with a management scope (a filter on mailboxes). A mailbox outside that filter is refused${scoped ? '' : ', just as if the app had no mail permission at all (see the finding above), so test both'}.`,
      fix: [
        'Exchange admin, in Exchange Online PowerShell: `Test-ServicePrincipalAuthorization -Identity <service principal> -Resource <mailbox address>`; InScope False means the scope leaves this mailbox out.',
        'Widen the scope\'s filter to take the mailbox in (`Set-ManagementScope <scope> -RecipientRestrictionFilter "PrimarySmtpAddress -eq \'support@contoso.com\'"`), or assign the role again with a scope that holds it: `New-ManagementRoleAssignment -App <service principal object id> -Role "Application Mail.ReadWrite" -CustomResourceScope <scope>`.',
        'Wait for the change to apply (up to an hour or more), then run the connection test again.',
        'An older Application Access Policy ("[RAOP]" in the error) still applies where it exists, but Microsoft says not to create new ones: move to RBAC for Applications. And granting the Entra application permission as well opens every mailbox, whatever the scope says.',
      ],
      evidence: joinEvidence(
        ctx.evidence(NOT_IN_SCOPE, GRAPH_ACCESS_DENIED, FORBIDDEN),
        ctx.saidEvidence('rbac-scope', 'app-only'),
      ),
      rank: outOfScope ? 4 : 2,
    };
  },
});
