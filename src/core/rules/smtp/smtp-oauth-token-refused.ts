import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, OUTGOING_MAIL_SCREEN, SMTP_AUTH_ON_FOR_MAILBOX } from '../screens.js';
import { joinEvidence } from '../util.js';
import { PASSWORD_CONFIGURED, SMTP_535, SMTP_AUTH_OFF, SMTP_SEND_SCOPE, smtpInPlay, smtpOauth } from './signals.js';

export default defineRule({
  id: 'smtp-oauth-token-refused',
  priority: 130,
  title: 'SMTP refuses the OAuth 2.0 token (535 5.7.3 after AUTH XOAUTH2)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: "Jira's outgoing mail server on OAuth 2.0 (Jira 9.2+), and any client sending with XOAUTH2",
  signatures: [SMTP_535, SMTP_SEND_SCOPE, PASSWORD_CONFIGURED],
  links: [LINKS.msImapOauth, LINKS.msSmtpAuth, LINKS.atlassianSmtpServer],
  evaluate(ctx) {
    if (!ctx.seen(SMTP_535) || !smtpOauth(ctx) || !smtpInPlay(ctx) || ctx.seen(SMTP_AUTH_OFF)) return null;
    const token = ctx.facts.token;
    // A password in the settings and no token or OAuth scope anywhere: the library chose XOAUTH2 for a password,
    // which is its own bug, not a refused token.
    if (ctx.seen(PASSWORD_CONFIGURED) && !ctx.seen(SMTP_SEND_SCOPE) && !token && !ctx.said('uses-oauth')) return null;
    const wrongResource = token !== undefined && token.resource !== 'outlook';
    return {
      confidence: wrongResource ? 'confirmed' : 'likely',
      cause: `smtp.office365.com refused the OAuth token (535 5.7.3). ${wrongResource ? `The token's audience is ${token?.aud ?? 'not Exchange'}, not https://outlook.office.com, so Exchange cannot accept it.` : 'In order of likelihood: the token is not an Exchange token with SMTP.Send (a Graph token, or the scope written without https://outlook.office.com/); SMTP AUTH is turned off for the mailbox, which refuses OAuth too; the user name sent with the token is not the account that signed in (its UPN can differ from its address); or an app-only token whose service principal was never registered in Exchange or given Send As.'}`,
      fix: [
        `In ${APP_LINKS_SCREEN}, give the link used by ${OUTGOING_MAIL_SCREEN} the scopes \`https://outlook.office.com/SMTP.Send offline_access\` (SMTP only: not Graph's Mail.* scopes in the same link), with the delegated SMTP.Send permission consented in Entra.`,
        SMTP_AUTH_ON_FOR_MAILBOX,
        'Authorize as the sending mailbox itself, and use that same account (its sign-in name) as the SMTP user name.',
        'For an app-only token (client credentials): register the app in Exchange with `New-ServicePrincipal -AppId <app id> -ObjectId <enterprise application object id>` and allow it to send as the mailbox with `Add-RecipientPermission … -AccessRights SendAs`.',
      ],
      evidence: joinEvidence(ctx.evidence(SMTP_535, SMTP_SEND_SCOPE)),
      rank: 3,
    };
  },
});
