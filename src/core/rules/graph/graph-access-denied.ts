import { LINKS } from '../../links.js';
import { ODATA_DISABLED, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_STEP } from '../screens.js';
import { appOnly, GRAPH_ACCESS_DENIED } from './signals.js';

/** "Access denied" in anyone's words: counts only where the text is about a Graph mail call. */
const ACCESS_DENIED_WORDS = signature('access-denied-words', /\bAccess (?:is )?denied\b|\b403 Forbidden\b/i, [
  'access denied',
  'access is denied',
  '403 forbidden',
]);
/** A Graph mail call in code or a URL: /users/{id}/mailFolders, /me/messages, the SDKs' MailFolders. */
const GRAPH_MAIL_CODE = signature(
  'graph-mail-code',
  /\/(?:me|users\/[^/\s]{1,120})\/(?:mailFolders|messages|mailboxSettings)\b|\.MailFolders\b|\bGet-MgUser(?:Mail|Message)\w{0,20}|graph\.microsoft\.com\/v1\.0\/(?:me|users)\b/i,
  ['/me/', '/users/', 'mailfolders', 'get-mguser', 'graph.microsoft.com/v1.0'],
  // Every Graph poll line names the mail folder: context for an error, like a handler's name.
  { broad: true },
);

export default defineRule({
  id: 'graph-access-denied',
  priority: 380,
  title: 'Graph denies access to the mailbox (403 ErrorAccessDenied)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [GRAPH_ACCESS_DENIED, ACCESS_DENIED_WORDS, GRAPH_MAIL_CODE, ODATA_DISABLED],
  links: [LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    const denied = ctx.seen(GRAPH_ACCESS_DENIED) || (ctx.seen(ACCESS_DENIED_WORDS) && ctx.seen(GRAPH_MAIL_CODE));
    // An app-only sign-in has rules of its own (graph-app-only-permission-missing and -mailbox-out-of-scope).
    if (!denied || ctx.seen(ODATA_DISABLED) || appOnly(ctx)) return null;
    return {
      confidence: 'likely',
      cause:
        "Graph accepted the token but refused the mailbox (403 ErrorAccessDenied). For a delegated sign-in (the channel was authorized by a person) any of these does it: the token lacks the delegated mail permission (the scope was not requested or consented); the app has only application permissions, which a delegated sign-in does not use; the authorizing account has no Exchange Online licence; or the call reads a mailbox that is not the signed-in user's own and was not shared with them. (Jira 9.17 and later can also read Graph as the application itself, with client credentials: then the application permission or Exchange's RBAC scope decides.)",
      fix: [
        `In ${ENTRA_PERMISSIONS_SCREEN}, add the delegated Microsoft Graph permissions Mail.ReadWrite (JSM marks and moves messages, so it needs write) and offline_access.`,
        'Grant admin consent.',
        'Make sure the account that authorizes is the mailbox owner and has an Exchange Online licence.',
        REAUTHORIZE_STEP,
      ],
      evidence: ctx.evidence(GRAPH_ACCESS_DENIED, ACCESS_DENIED_WORDS),
      rank: 2,
    };
  },
});
