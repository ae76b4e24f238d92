import { LINKS } from '../../links.js';
import {
  AUTHENTICATE_FAILED,
  COULDNT_OPEN_INBOX,
  GRANTED_SCOPES,
  NOT_CONNECTED,
  SMTP_OUTGOING,
  XOAUTH2_USED,
} from '../../signatures.js';
import { IMAP_AUTH_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { groupScopes, IMAP_SCOPES } from '../scopes.js';
import { APP_LINKS_SCREEN, ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { graphInUse } from '../util.js';
import { authFailed, basicAuth, isImapOrPop, microsoft365, otherProvider, signInFailed } from './signals.js';

export default defineRule({
  id: 'imap-scope-missing-outlook-resource',
  priority: 260,
  title: 'The IMAP/POP scopes lack the https://outlook.office.com/ resource, so the token is not for Exchange',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP and POP (Jira incoming mail, JSM IMAP/POP channels)',
  signatures: [AUTHENTICATE_FAILED, SMTP_OUTGOING, XOAUTH2_USED, GRANTED_SCOPES],
  links: [LINKS.msImapOauth, LINKS.atlassianScopeKb, LINKS.atlassianImapAuthenticateFailedKb],
  evaluate(ctx) {
    // "Authenticated but not connected" means Exchange took the token: its scopes were right.
    if (basicAuth(ctx) || ctx.seen(NOT_CONNECTED) || otherProvider(ctx)) return null;
    const scopes = groupScopes(ctx.facts);
    const failed = authFailed(ctx);
    // A Graph-scoped token that fails to sign in somewhere other than Graph: IMAP/POP in sight, XOAUTH2, or
    // Microsoft 365 named with no Graph call at all (Graph itself would say InvalidAuthenticationToken).
    const mailSignIn = isImapOrPop(ctx) || ctx.seen(XOAUTH2_USED) || (microsoft365(ctx) && !graphInUse(ctx));
    const anyFailure = failed || (signInFailed(ctx) && mailSignIn);
    // A token's scp names its scopes without the resource: bare there is how Entra writes them, not a mistake.
    const bare = ctx.seen(GRANTED_SCOPES) ? [] : scopes.bareImapOrPop;
    const graphOnly =
      scopes.outlook.length === 0 &&
      scopes.bareImapOrPop.length === 0 &&
      scopes.bareGraph.length + scopes.graphPrefixed.length > 0;
    const fix = [
      `In ${APP_LINKS_SCREEN}, edit the Microsoft application link used by the IMAP/POP handler and set the scopes to exactly ${IMAP_SCOPES}.`,
      `In ${ENTRA_PERMISSIONS_SCREEN}, add the matching delegated permissions (Office 365 Exchange Online IMAP.AccessAsUser.All / POP.AccessAsUser.All) and grant consent.`,
      REAUTHORIZE_ANY,
    ];
    if (anyFailure && (bare.length > 0 || (graphOnly && mailSignIn))) {
      const listed = (bare.length > 0 ? bare : ctx.facts.scopes).map((s) => `\`${s}\``).join(' ');
      return {
        confidence: 'confirmed',
        cause: `Exchange Online refused the XOAUTH2 sign-in, and the scopes (${listed}) do not carry the Outlook resource. Microsoft requires the full IMAP/POP scopes with https://outlook.office.com/ in front; without it Entra issues a token for Graph, which Exchange rejects.`,
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED),
        rank: 3,
      };
    }
    if (graphOnly && mailSignIn) {
      return {
        confidence: 'likely',
        cause: `The token for this IMAP/POP sign-in is asked for with Microsoft Graph scopes (${ctx.facts.scopes.map((s) => `\`${s}\``).join(' ')}). Such a token is addressed to Graph, and Exchange Online's IMAP and POP servers only accept a token for the Outlook resource, requested with the full scopes (https://outlook.office.com/IMAP.AccessAsUser.All, or https://outlook.office365.com/.default for an app-only token).`,
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED, XOAUTH2_USED),
        rank: 3,
      };
    }
    if (bare.length > 0) {
      return {
        confidence: 'likely',
        cause: `The scopes ${bare.map((s) => `\`${s}\``).join(', ')} are written without the Outlook resource. Microsoft says IMAP/POP need the full scopes (https://outlook.office.com/IMAP.AccessAsUser.All); the bare form yields a Graph token that Exchange refuses with AUTHENTICATE failed.`,
        fix,
        evidence: [],
        rank: 2,
      };
    }
    // An AADSTS code means the token was never issued: the IMAP refusal that followed is not about its scopes.
    if (failed && scopes.outlook.length === 0 && !ctx.facts.errorCodes.some((c) => c.startsWith('AADSTS'))) {
      return {
        confidence: 'possible',
        cause:
          "Exchange Online refused the sign-in (AUTHENTICATE failed). In order of likelihood: the application link's scopes lack https://outlook.office.com/ (this finding); IMAP/POP is disabled on the mailbox; or the authorizing account is not the mailbox owner (shared mailbox). The paste does not show the scopes, which decide the first.",
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED),
        rank: 3,
        questions: [IMAP_AUTH_QUESTION],
      };
    }
    if (ctx.seen(COULDNT_OPEN_INBOX) && !ctx.facts.scopes.length) {
      return {
        confidence: 'possible',
        cause:
          "JSM could not open the inbox. A token without the Outlook resource is the third of its usual causes, after the wrong authorizing user and IMAP disabled on the mailbox; the application link's scopes decide.",
        fix,
        evidence: ctx.evidence(COULDNT_OPEN_INBOX),
        rank: 1,
      };
    }
    return null;
  },
});
