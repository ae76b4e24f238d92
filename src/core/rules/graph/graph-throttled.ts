import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { isImapOrPop, otherProvider, smtpOnly } from '../imap/signals.js';
import { defineRule } from '../rule.js';
import { EMAIL_REQUESTS_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';

const GRAPH_THROTTLED = signature(
  'graph-throttled',
  /\b429\b[^\n]{0,80}(?:Too Many Requests|throttl)|throttl\w{0,4}[^\n]{0,80}\b429\b|ApplicationThrottled|MailboxConcurrency|\bTooManyRequests\b/i,
  ['429', 'applicationthrottled', 'mailboxconcurrency', 'toomanyrequests'],
);

const GRAPH_NAMED = signature('graph-named', /\bGraph\b/, ['graph'], { broad: true });

export default defineRule({
  id: 'graph-throttled',
  priority: 340,
  title: 'Graph throttles the app on this mailbox (429, MailboxConcurrency)',
  checked: '2026-11',
  basis: 'reported',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [GRAPH_THROTTLED, GRAPH_NAMED],
  links: [LINKS.msGraphThrottling],
  evaluate(ctx) {
    // Throttling in the user's own words counts where the text is about Graph rather than IMAP.
    const told =
      ctx.said('throttled') && (ctx.facts.protocol === 'graph' || ctx.seen(GRAPH_NAMED) || !isImapOrPop(ctx));
    if ((!ctx.seen(GRAPH_THROTTLED) && !told) || otherProvider(ctx) || smtpOnly(ctx)) return null;
    return {
      confidence: 'likely',
      cause:
        'Graph is throttling requests (429 Too Many Requests). Outlook limits on Graph apply per app and per mailbox: 10,000 requests in 10 minutes and 4 at once. Several Jira nodes, channels or other tools using the same app registration and mailbox can exceed them (our inference about the trigger).',
      fix: [
        'Usually nothing: it recovers once the Retry-After period has passed.',
        `Reduce the pollers on this mailbox: one channel per mailbox in ${EMAIL_REQUESTS_SCREEN}.`,
        'Do not reuse the JSM app registration for other tools that call Graph on the same mailbox.',
      ],
      evidence: joinEvidence(ctx.evidence(GRAPH_THROTTLED), ctx.saidEvidence('throttled')),
      rank: 1,
    };
  },
});
