import { LINKS } from '../../links.js';
import {
  AUTHENTICATE_FAILED,
  BASIC_AUTH_MECH,
  BASIC_AUTH_WORDS,
  EXCHANGE_IMAP_BANNER,
  signature,
  XOAUTH2_USED,
} from '../../signatures.js';
import { defineRule } from '../rule.js';
import { IMAP_SCOPES } from '../scopes.js';
import { APP_LINKS_SCREEN, EMAIL_REQUESTS_SCREEN, INCOMING_MAIL_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { basicAuth, smtpOnly } from './signals.js';

const PASSWORD_SET = signature('password-set', /\bpassword=(?!null\b)\S/i, ['password=']);

export default defineRule({
  id: 'exchange-basic-auth-disabled',
  title: 'The handler still signs in to Exchange Online with a password (Basic authentication is off)',
  basis: 'documented',
  appliesTo: 'IMAP and POP against Exchange Online',
  signatures: [
    BASIC_AUTH_MECH,
    BASIC_AUTH_WORDS,
    PASSWORD_SET,
    XOAUTH2_USED,
    AUTHENTICATE_FAILED,
    EXCHANGE_IMAP_BANNER,
  ],
  links: [LINKS.msBasicAuthDeprecation, LINKS.atlassianImapAuthenticateFailedKb],
  evaluate(ctx) {
    if (!basicAuth(ctx) || smtpOnly(ctx)) return null;
    const mech = ctx.seen(BASIC_AUTH_MECH);
    const failed = ctx.seen(AUTHENTICATE_FAILED);
    if (!failed && !mech) return null;
    return {
      confidence: mech && failed ? 'confirmed' : 'likely',
      cause:
        'The handler signs in to Exchange Online IMAP/POP with a username and password. Microsoft turned Basic authentication off for IMAP4 and POP3 in Exchange Online from 1 October 2022, so the password is refused however correct it is. (Against an on-premises Exchange the same log would be a plain credential problem instead.)',
      fix: [
        `In ${APP_LINKS_SCREEN}, create a Microsoft application link for OAuth 2.0 with the scopes ${IMAP_SCOPES}.`,
        `In ${INCOMING_MAIL_SCREEN} (Jira) or ${EMAIL_REQUESTS_SCREEN} (JSM), edit the mail server or channel and switch its authentication method from password to that OAuth 2.0 link.`,
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.evidence(BASIC_AUTH_MECH, AUTHENTICATE_FAILED, BASIC_AUTH_WORDS),
      rank: 3,
    };
  },
});
