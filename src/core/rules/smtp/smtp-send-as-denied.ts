import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { OUTGOING_MAIL_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';
import { ONPREM_SMTP_AUTH, onPremisesSmtp, SEND_AS_DENIED } from './signals.js';

export default defineRule({
  id: 'smtp-send-as-denied',
  priority: 150,
  title: 'The signed-in mailbox may not send as the From address (SendAsDenied, 5.7.60)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: "Jira's outgoing mail server (and any client) sending through Microsoft 365",
  signatures: [SEND_AS_DENIED, ONPREM_SMTP_AUTH],
  links: [LINKS.msSmtpDevices, LINKS.atlassianSmtpServer],
  evaluate(ctx) {
    if (!ctx.seen(SEND_AS_DENIED) || onPremisesSmtp(ctx)) return null;
    return {
      confidence: 'confirmed',
      cause:
        "The sign-in worked, but the message's From address is not the mailbox that signed in, and that account has no Send As right for it, so Exchange Online refused the message. In Jira this is the outgoing server's From address, or a project's own sender address (JSM's email channel address, a notification scheme's From), differing from the account the SMTP server signs in with.",
      fix: [
        `In ${OUTGOING_MAIL_SCREEN}, set the From address to the mailbox the server signs in as; check projects that send as another address (Project settings > Notifications, JSM email channels).`,
        'Or let the signing-in account send as that address: Exchange admin, `Add-RecipientPermission -Identity <From address> -Trustee <signing-in mailbox> -AccessRights SendAs` (for an app that sends as itself, the trustee is its Exchange service principal).',
        'Wait up to an hour for the permission to apply, then send a test email.',
      ],
      evidence: joinEvidence(ctx.evidence(SEND_AS_DENIED)),
      rank: 4,
    };
  },
});
