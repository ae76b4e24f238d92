import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { OUTGOING_MAIL_SCREEN, SMTP_OAUTH_STEPS } from '../screens.js';
import { joinEvidence } from '../util.js';
import { smtpOauthStep } from '../versions.js';
import { SMTP_535, SMTP_NOT_AUTHENTICATED, SMTP_TLS } from './signals.js';

export default defineRule({
  id: 'smtp-client-not-authenticated',
  priority: 120,
  title: 'The client sends mail to smtp.office365.com without signing in first (5.7.57)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: "Jira's outgoing mail server (and any client) sending through smtp.office365.com",
  signatures: [SMTP_NOT_AUTHENTICATED, SMTP_535, SMTP_TLS],
  links: [LINKS.msSmtpDevices, LINKS.atlassianSmtpServer],
  evaluate(ctx) {
    if (!ctx.seen(SMTP_NOT_AUTHENTICATED)) return null;
    // A 535 beside it means a sign-in was tried and refused: that refusal is the cause, this only its echo.
    const refused = ctx.seen(SMTP_535);
    const step = smtpOauthStep(ctx);
    return {
      confidence: refused ? 'possible' : 'confirmed',
      cause: `smtp.office365.com only accepts mail from a client that has signed in (SMTP AUTH over STARTTLS on port 587), and this one got to MAIL FROM without doing so (5.7.57). Usually the outgoing server has no username or authentication set, TLS is off so the server never offered AUTH, or the sign-in failed and the client carried on anyway${refused ? ' (the 535 reply beside it says so: see that finding first)' : ''}. Relaying anonymously needs a connector on port 25 to your MX host instead.`,
      fix: [
        `In ${OUTGOING_MAIL_SCREEN}, set host smtp.office365.com, port 587, TLS on, and a sign-in: the sending mailbox's address as the user name.`,
        ...(step ? [step] : SMTP_OAUTH_STEPS.slice(0, 2)),
        'Or, to send without signing in, use an Exchange Online connector: your MX host (contoso-com.mail.protection.outlook.com) on port 25, from a fixed IP address the connector allows.',
      ],
      evidence: joinEvidence(ctx.evidence(SMTP_NOT_AUTHENTICATED, SMTP_535)),
      rank: refused ? 1 : 3,
    };
  },
});
