import { LINKS } from '../../links.js';
import { AUTHENTICATE_FAILED, COULDNT_OPEN_INBOX, NOT_CONNECTED, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { EMAIL_REQUESTS_SCREEN, INCOMING_MAIL_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';
import { authFailed, basicAuth, otherProvider, smtpOnly } from './signals.js';

const IMAP_DISABLED_WORDS = signature(
  'imap-disabled-words',
  /\b(?:Imap|Pop)Enabled\s{0,3}[:=]?\s{0,3}(?:\$?False)\b|\b(?:IMAP|POP3?) (?:access )?is (?:disabled|turned off)\b/i,
  ['enabled', 'disabled', 'turned off'],
);

export default defineRule({
  id: 'imap-pop-disabled-on-mailbox',
  priority: 250,
  title: 'IMAP or POP is turned off for this mailbox in Exchange Online',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP and POP (Jira incoming mail, JSM IMAP/POP channels)',
  signatures: [IMAP_DISABLED_WORDS, AUTHENTICATE_FAILED, COULDNT_OPEN_INBOX, NOT_CONNECTED],
  links: [LINKS.atlassianImapUserKb],
  evaluate(ctx) {
    if (smtpOnly(ctx) || otherProvider(ctx)) return null;
    const scopes = groupScopes(ctx.facts);
    const fix = [
      'Exchange admin, in Exchange Online PowerShell: `Set-CASMailbox <mailbox> -ImapEnabled $true` (or `-PopEnabled $true`), or fix the CAS mailbox plan (ExchangeOnlineDeskless turns IMAP off by default).',
      'Test with the Microsoft Remote Connectivity Analyzer, OAuth IMAP test, signed in as the authorizing user (Alternate mailbox for another mailbox). It does not work for GCC High.',
      `Run the connection test again in ${INCOMING_MAIL_SCREEN} or ${EMAIL_REQUESTS_SCREEN}.`,
    ];
    if (ctx.seen(IMAP_DISABLED_WORDS) || ctx.said('imap-disabled')) {
      return {
        confidence: ctx.seen(IMAP_DISABLED_WORDS) ? 'confirmed' : 'likely',
        cause:
          'IMAP or POP is disabled for the mailbox (ImapEnabled / PopEnabled is False, directly or through its CAS mailbox plan), so Exchange Online refuses the client even with a valid OAuth token.',
        fix,
        evidence: joinEvidence(
          ctx.evidence(IMAP_DISABLED_WORDS, AUTHENTICATE_FAILED),
          ctx.saidEvidence('imap-disabled'),
        ),
        rank: 3,
      };
    }
    if (basicAuth(ctx)) return null;
    if (ctx.seen(NOT_CONNECTED)) {
      return {
        confidence: 'possible',
        cause:
          'Exchange accepted the sign-in but would not open the mailbox ("User is authenticated but not connected"). After an account with no access to the mailbox, the next cause is IMAP or POP turned off for this mailbox; `Get-CASMailbox <mailbox> | fl ImapEnabled,PopEnabled` decides.',
        fix,
        evidence: ctx.evidence(NOT_CONNECTED),
        rank: 1,
      };
    }
    const failed = authFailed(ctx);
    const rightScopes = scopes.outlook.length > 0 && scopes.bareImapOrPop.length === 0;
    if (failed && rightScopes) {
      return {
        confidence: 'likely',
        cause:
          'Exchange Online refused the OAuth sign-in (AUTHENTICATE failed) although the scopes carry the Outlook resource correctly. The next documented cause is IMAP4/POP3 disabled for this mailbox (ImapEnabled / PopEnabled False, or a CAS mailbox plan such as ExchangeOnlineDeskless).',
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED),
        rank: 2,
      };
    }
    if ((failed && scopes.outlook.length === 0 && scopes.bareImapOrPop.length === 0) || ctx.seen(COULDNT_OPEN_INBOX)) {
      return {
        confidence: 'possible',
        cause:
          'IMAP or POP may be disabled for this mailbox in Exchange Online; that gives the same refusal as a wrong token or a wrong authorizing user. `Get-CASMailbox <mailbox> | fl ImapEnabled,PopEnabled` decides.',
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED, COULDNT_OPEN_INBOX),
        rank: 2,
      };
    }
    return null;
  },
});
