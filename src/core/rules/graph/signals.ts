import { signature } from '../../signatures.js';
import type { RuleContext } from '../rule.js';

// What the Graph rules share: Graph's refusals, and how the app signs in (app-only since Jira 9.17, or delegated).

export const GRAPH_ACCESS_DENIED = signature(
  'graph-access-denied',
  /ErrorAccessDenied|Access is denied\. Check credentials|Authorization_RequestDenied/i,
  ['erroraccessdenied', 'access is denied', 'authorization_requestdenied'],
);

/** A token with no permissions in it at all: an app-only token whose app has no consented application permission. */
export const NO_PERMISSIONS_IN_TOKEN = signature(
  'no-permissions-in-token',
  /Either scp or roles claim need to be present in the token|The token contains no permissions|Insufficient privileges to complete the operation/i,
  ['either scp or roles', 'token contains no permissions', 'insufficient privileges'],
);

/** Graph cannot find the user (the mailbox) the request names. */
export const GRAPH_USER_NOT_FOUND = signature(
  'graph-user-not-found',
  /ErrorInvalidUser|The requested user '[^'\n]{0,300}' is invalid|Request_ResourceNotFound|Resource '[^'\n]{0,300}' does not exist or one of its queried reference-property objects are not present|MailboxNotFound/i,
  ['errorinvaliduser', 'requested user', 'resourcenotfound', 'does not exist or one of its', 'mailboxnotfound'],
);

/** The app signs in as itself (client credentials): by its token, its request or the user's words. */
export const appOnly = (ctx: RuleContext): boolean => ctx.facts.grant === 'app-only';

/** Application permissions for mail in an app-only token's roles. */
export const MAIL_ROLE = /\bMail\.(?:ReadWrite|Read)\b/;

/** Exchange Online says not to create new Application Access Policies; RBAC for Applications replaces them. */
export const AAP_RETIRED = {
  advice: 'creating a new Application Access Policy (New-ApplicationAccessPolicy): use RBAC for Applications',
  never: /\bNew-ApplicationAccessPolicy\b/i,
};
