import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { SMTP_AUTH_ON_FOR_MAILBOX, SMTP_OAUTH_STEPS } from '../screens.js';
import { joinEvidence } from '../util.js';
import { smtpOauthStep } from '../versions.js';
import { SMTP_535, SMTP_AUTH_OFF, smtpOauth } from './signals.js';

export default defineRule({
  id: 'smtp-auth-disabled',
  priority: 170,
  title: 'SMTP AUTH (authenticated client submission) is turned off for the tenant or the sending mailbox',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: "Jira's outgoing mail server (and any client) sending through smtp.office365.com",
  signatures: [SMTP_AUTH_OFF, SMTP_535],
  links: [LINKS.msSmtpAuth, LINKS.msSmtpBasicAuthTimeline, LINKS.atlassianSmtpServer],
  retired: [
    {
      advice: 'turning SMTP AUTH on for the whole tenant to fix one mailbox',
      never: /Set-TransportConfig\s{1,3}-SmtpClientAuthenticationDisabled\s{1,3}\$false/i,
    },
  ],
  evaluate(ctx) {
    if (!ctx.seen(SMTP_AUTH_OFF)) return null;
    const mailbox = ctx.evidence(SMTP_AUTH_OFF).some((e) => /for the Mailbox/i.test(e.text));
    const oauth = smtpOauth(ctx);
    const step = smtpOauthStep(ctx);
    return {
      confidence: 'confirmed',
      cause: `Exchange Online refused the sign-in because SMTP AUTH, the protocol clients use to submit mail on port 587, is turned off ${mailbox ? 'for this mailbox' : 'for the whole tenant (and not turned on for this mailbox)'}. This switch closes the protocol whatever the sign-in method${oauth ? ', so an OAuth 2.0 token is refused too' : ''}. Security defaults keep it off; new tenants have it off; and from the end of December 2026 Microsoft switches password sign-in for SMTP AUTH off by default in existing tenants as well.`,
      fix: [
        SMTP_AUTH_ON_FOR_MAILBOX,
        'If security defaults are on in Entra, SMTP AUTH stays off whatever the mailbox says: replace them with Conditional Access policies that allow this mailbox, or keep the sending mailbox out of their scope.',
        ...(step ? [step] : oauth ? [] : SMTP_OAUTH_STEPS.slice(0, 2)),
        'Wait up to an hour for the change to reach every server, then send a test email again.',
      ],
      evidence: joinEvidence(ctx.evidence(SMTP_AUTH_OFF), ctx.evidence(SMTP_535)),
      rank: 4,
    };
  },
});
