import { LINKS } from '../../links.js';
import { NOT_CONNECTED, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { INCOMING_MAIL_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';
import { isImapOrPop, microsoft365, otherProvider } from './signals.js';

const IMAP_THROTTLED = signature('imap-throttled', /Request is throttled\. Suggested Backoff Time/i, ['throttled']);

export default defineRule({
  id: 'imap-throttled',
  priority: 230,
  title: 'Exchange Online throttles IMAP for this mailbox',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP (Jira incoming mail; also JSM IMAP channels)',
  signatures: [IMAP_THROTTLED],
  links: [LINKS.atlassianImapThrottledKb],
  evaluate(ctx) {
    // Too many connections in the user's words, where Exchange then drops IMAP sessions.
    // The words alone say nothing of whose server it is: Exchange must be in sight (its own answer, a host, a banner,
    // the user's words).
    const exchange = ctx.seen(NOT_CONNECTED) || (isImapOrPop(ctx) && microsoft365(ctx));
    const told = ctx.said('throttled') && exchange && !otherProvider(ctx);
    if (!ctx.seen(IMAP_THROTTLED) && !told) return null;
    return {
      confidence: ctx.seen(IMAP_THROTTLED) ? 'confirmed' : ctx.seen(NOT_CONNECTED) ? 'likely' : 'possible',
      cause:
        'Exchange Online is throttling IMAP commands for this mailbox ("Request is throttled. Suggested Backoff Time"). Typical triggers, by our inference: several handlers or Jira nodes polling the same mailbox, a very short polling interval, or a very large folder.',
      fix: [
        `In ${INCOMING_MAIL_SCREEN}, raise the handler's polling interval, and keep one handler per mailbox.`,
        'Keep the inbox small (move or delete processed mail).',
        'It usually recovers by itself once the backoff time has passed.',
      ],
      evidence: joinEvidence(ctx.evidence(IMAP_THROTTLED), ctx.saidEvidence('throttled')),
      // Too many connections is the user's own explanation of a dropped session: it goes before other readings.
      rank: ctx.seen(IMAP_THROTTLED) ? 2 : ctx.seen(NOT_CONNECTED) ? 4 : 1,
    };
  },
});
