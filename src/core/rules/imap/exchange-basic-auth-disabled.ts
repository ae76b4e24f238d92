import { LINKS } from '../../links.js';
import {
  AUTHENTICATE_FAILED,
  BASIC_AUTH_MECH,
  BASIC_AUTH_WORDS,
  EXCHANGE_IMAP_BANNER,
  EXCHANGE_ONLINE_WORDS,
  LOGIN_FAILED,
  MAIL_LOGIN_FAILURE,
  ON_PREMISES,
  OTHER_MAIL_HOST,
  OTHER_PROVIDER,
  XOAUTH2_USED,
} from '../../signatures.js';
import { defineRule } from '../rule.js';
import { IMAP_SCOPES } from '../scopes.js';
import { APP_LINKS_SCREEN, EMAIL_REQUESTS_SCREEN, INCOMING_MAIL_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { joinEvidence } from '../util.js';
import { basicAuth, exchangeOnline, microsoft365, passwordMechanism, signInFailed, smtpOnly } from './signals.js';

export default defineRule({
  id: 'exchange-basic-auth-disabled',
  priority: 40,
  title: 'The handler still signs in to Exchange Online with a password (Basic authentication is off)',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP and POP against Exchange Online',
  signatures: [
    BASIC_AUTH_MECH,
    BASIC_AUTH_WORDS,
    LOGIN_FAILED,
    MAIL_LOGIN_FAILURE,
    XOAUTH2_USED,
    AUTHENTICATE_FAILED,
    EXCHANGE_IMAP_BANNER,
    EXCHANGE_ONLINE_WORDS,
    OTHER_PROVIDER,
    OTHER_MAIL_HOST,
    ON_PREMISES,
  ],
  links: [LINKS.msBasicAuthDeprecation, LINKS.atlassianImapAuthenticateFailedKb],
  evaluate(ctx) {
    if (!basicAuth(ctx) || smtpOnly(ctx)) return null;
    const mechanism = passwordMechanism(ctx);
    const failed = signInFailed(ctx) || ctx.said('stopped-working');
    const toldOff = ctx.said('basic-auth-off');
    if (!failed && !toldOff && !mechanism) return null;
    const certain = mechanism && failed && exchangeOnline(ctx);
    const named = microsoft365(ctx);
    return {
      confidence: certain ? 'confirmed' : named && ((mechanism && failed) || toldOff) ? 'likely' : 'possible',
      cause: `The client signs in to Exchange Online IMAP/POP with a username and password${ctx.seen(LOGIN_FAILED) ? ' (Exchange answers the password LOGIN command with "LOGIN failed")' : ''}. Microsoft turned Basic authentication off for IMAP4 and POP3 in Exchange Online from 1 October 2022, so the password is refused however correct it is. (Against an on-premises Exchange the same log would be a plain credential problem instead.)`,
      fix: [
        `In ${APP_LINKS_SCREEN}, create a Microsoft application link for OAuth 2.0 with the scopes ${IMAP_SCOPES}.`,
        `In ${INCOMING_MAIL_SCREEN} (Jira) or ${EMAIL_REQUESTS_SCREEN} (JSM), edit the mail server or channel and switch its authentication method from password to that OAuth 2.0 link.`,
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(
        ctx.evidence(BASIC_AUTH_MECH, LOGIN_FAILED, AUTHENTICATE_FAILED, MAIL_LOGIN_FAILURE),
        ctx.saidEvidence('basic-auth-off', 'uses-password'),
        ctx.evidence(BASIC_AUTH_WORDS),
      ),
      rank: 3,
    };
  },
});
