import { LINKS } from '../../links.js';
import {
  AUTHENTICATE_FAILED,
  COULDNT_CONNECT,
  COULDNT_OPEN_INBOX,
  NOT_CONNECTED,
  SHARED_MAILBOX,
} from '../../signatures.js';
import { IMAP_AUTH_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { EMAIL_REQUESTS_SCREEN, INCOMING_MAIL_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { joinEvidence } from '../util.js';
import { authFailed, basicAuth, otherProvider, signInFailed, smtpOnly } from './signals.js';

export default defineRule({
  id: 'imap-shared-mailbox-or-wrong-user',
  priority: 240,
  title: 'The account that authorized is not the mailbox owner, or the shared mailbox username is wrong',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP and POP (Jira incoming mail, JSM IMAP/POP channels)',
  signatures: [COULDNT_OPEN_INBOX, COULDNT_CONNECT, SHARED_MAILBOX, AUTHENTICATE_FAILED, NOT_CONNECTED],
  links: [LINKS.atlassianOauthCannotConfigureKb, LINKS.atlassianImapUserKb, LINKS.msImapOauth],
  evaluate(ctx) {
    const notConnected = ctx.seen(NOT_CONNECTED) && !otherProvider(ctx);
    if (!notConnected && (basicAuth(ctx) || smtpOnly(ctx) || otherProvider(ctx) || ctx.facts.protocol === 'graph')) {
      return null;
    }
    const inbox = ctx.seen(COULDNT_OPEN_INBOX);
    const shared = ctx.seen(SHARED_MAILBOX) || ctx.said('shared-mailbox');
    const failed = authFailed(ctx);
    if (!notConnected && !inbox && !(shared && signInFailed(ctx)) && !failed) return null;
    const fix = [
      'Authorize as the mailbox owner, or have an Exchange admin give the authorizing user Full Access to the mailbox.',
      `For a shared mailbox, put the shared mailbox's address as the username of the mail server in ${INCOMING_MAIL_SCREEN} or the channel in ${EMAIL_REQUESTS_SCREEN}; the token still comes from the user who has Full Access.`,
      'Wait for the permission to replicate (it can take a while), then authorize again.',
      REAUTHORIZE_ANY,
    ];
    const cause =
      "Exchange accepted no session for this mailbox with this token. The account that clicked Authorize must own the mailbox or have Full Access to it, and for a shared mailbox the username Jira sends (XOAUTH2) must be the shared mailbox's address while the token belongs to the delegated user.";
    if (notConnected) {
      return {
        confidence: 'likely',
        cause: `Exchange accepted the sign-in, then refused to open the mailbox for it ("User is authenticated but not connected"): the token or login belongs to an account that cannot open this mailbox.${shared ? ' The paste mentions a shared mailbox, which is where this goes wrong most often.' : ''} ${cause}`,
        fix,
        evidence: joinEvidence(ctx.evidence(NOT_CONNECTED), ctx.saidEvidence('shared-mailbox')),
        rank: 3,
      };
    }
    if (shared) {
      return {
        confidence: 'likely',
        cause: `${cause} The paste mentions a shared mailbox, which is where this goes wrong most often.`,
        fix,
        evidence: joinEvidence(
          ctx.evidence(SHARED_MAILBOX, COULDNT_OPEN_INBOX, AUTHENTICATE_FAILED),
          ctx.saidEvidence('shared-mailbox'),
        ),
        rank: 3,
      };
    }
    if (inbox) {
      return {
        confidence: 'possible',
        cause: `JSM could not open the inbox. This message covers several causes; in order: the wrong user authorized (not the owner, no Full Access, or a shared mailbox with the wrong username), IMAP disabled on the mailbox, or scopes without the Outlook resource. ${cause}`,
        fix,
        evidence: ctx.evidence(COULDNT_OPEN_INBOX, COULDNT_CONNECT),
        rank: 3,
        questions: [IMAP_AUTH_QUESTION],
      };
    }
    return {
      confidence: 'possible',
      cause: `The wrong authorizing user is the third usual cause of AUTHENTICATE failed. ${cause}`,
      fix,
      evidence: ctx.evidence(AUTHENTICATE_FAILED),
      rank: 1,
    };
  },
});
