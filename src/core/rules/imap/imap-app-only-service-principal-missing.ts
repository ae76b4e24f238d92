import { LINKS } from '../../links.js';
import { AUTHENTICATE_FAILED, NOT_CONNECTED, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { joinEvidence } from '../util.js';
import { otherProvider } from './signals.js';

/** Exchange's own reason for refusing a token it could not tie to a mailbox permission. */
const LOGON_DENIED = signature('logon-denied', /\bLogonDenied\b/i, ['logondenied']);
/** The client signs in as the application (client credentials, or the Exchange service principal that needs), not as a user. */
const APP_ONLY_FLOW = signature(
  'app-only-flow',
  /client[_ ]credentials|AcquireTokenForClient|acquire_token_for_client|acquireTokenByClientCredential|outlook\.office365\.com\/\.default|\bapp-?only\b|application permission|\bNew-ServicePrincipal\b|\bservice[\s-]?principals?\b/i,
  [
    'client_credentials',
    'client credentials',
    'acquiretokenforclient',
    'acquire_token_for_client',
    'clientcredential',
    '/.default',
    'app-only',
    'apponly',
    'application permission',
    'new-serviceprincipal',
    'service principal',
    'service-principal',
    'serviceprincipal',
  ],
);

export default defineRule({
  id: 'imap-app-only-service-principal-missing',
  priority: 210,
  title: 'An app-only IMAP/POP token is refused: the app is not registered in Exchange or has no access to the mailbox',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP and POP with an app-only (client credentials) token',
  signatures: [LOGON_DENIED, APP_ONLY_FLOW, AUTHENTICATE_FAILED, NOT_CONNECTED],
  links: [LINKS.msImapOauth],
  evaluate(ctx) {
    const appOnly =
      ctx.seen(APP_ONLY_FLOW) || groupScopes(ctx.facts).appOnly.some((s) => /outlook\.office(?:365)?\./.test(s));
    const refused = ctx.seen(LOGON_DENIED) || ctx.seen(AUTHENTICATE_FAILED) || ctx.seen(NOT_CONNECTED);
    // LogonDenied is Exchange refusing the token for this mailbox; with an app-only token it is this cause.
    if (!(ctx.seen(LOGON_DENIED) || (appOnly && refused)) || otherProvider(ctx)) return null;
    return {
      // An app-only sign-in that Exchange refuses is, most of the time, the Exchange side of the set-up missing.
      confidence: appOnly && refused ? 'likely' : 'possible',
      cause:
        "The client signs in as the application (client credentials) and gets a token, but Exchange Online refuses it for this mailbox. An app-only token names no user, so Exchange needs two things of its own besides the app's permission in Entra: the app's service principal registered in Exchange, and a permission for that service principal on the mailbox. Without them IMAP/POP answer AUTHENTICATE failed (LogonDenied).",
      fix: [
        'In Entra, give the app the application permission IMAP.AccessAsApp (or POP.AccessAsApp) of Office 365 Exchange Online, with admin consent.',
        'In Exchange Online PowerShell, register its service principal: `New-ServicePrincipal -AppId <application id> -ObjectId <object id of the enterprise application>` (the object id from Enterprise applications, not from App registrations).',
        'Give it the mailbox: `Add-MailboxPermission -Identity <mailbox> -User <service principal id> -AccessRights FullAccess`.',
        'Sign in with the scope `https://outlook.office365.com/.default` and the mailbox address as the user name.',
      ],
      evidence: joinEvidence(ctx.evidence(LOGON_DENIED, AUTHENTICATE_FAILED, NOT_CONNECTED)),
      // Exchange's own "LogonDenied" puts this ahead of the other readings of AUTHENTICATE failed.
      rank: ctx.seen(LOGON_DENIED) ? 4 : 3,
    };
  },
});
