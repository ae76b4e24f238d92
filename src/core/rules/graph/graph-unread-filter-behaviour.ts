import { LINKS } from '../../links.js';
import { GRAPH_MAIL_CALL, signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { graphInUse } from '../util.js';

const UNREAD_SKIPPED_WORDS = signature(
  'unread-skipped-words',
  /\b(?:e-?mails?|messages?)\b[^\n]{0,60}\b(?:skipped|ignored|never (?:become|turn into|show up as|create)|(?:are|is|were|was) not (?:being )?(?:picked up|processed|converted|created|pulled))|\bbacklog\b|\b(?:read|opened) (?:them |it )?in (?:Outlook|OWA)\b/i,
  ['skipped', 'ignored', 'never ', 'not ', 'backlog', 'outlook', 'owa'],
);

export default defineRule({
  id: 'graph-unread-filter-behaviour',
  priority: 320,
  title: 'JSM only fetches unread mail, 10 at a time, so read mail is skipped',
  checked: '2026-11',
  basis: 'inferred',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [UNREAD_SKIPPED_WORDS, GRAPH_MAIL_CALL],
  links: [LINKS.seedKb],
  evaluate(ctx) {
    if (!graphInUse(ctx) || !ctx.seen(UNREAD_SKIPPED_WORDS)) return null;
    return {
      confidence: 'possible',
      cause:
        "JSM's Graph puller asks only for unread messages received after its last watermark, 10 per request (`$filter=isRead eq false and receivedDateTime ge …`, `$top=10` in its own log). Mail that a person, a rule or another tool opened or marked read is never picked up, and a backlog drains 10 messages per poll.",
      fix: [
        'Make sure nobody reads that inbox in Outlook or OWA, and that no inbox rule or other tool marks messages read.',
        'To try to have skipped mail processed, mark it unread again (whether the watermark lets it through is not verified).',
        'After an outage, expect a slow catch-up rather than a failure.',
      ],
      evidence: ctx.evidence(UNREAD_SKIPPED_WORDS),
      rank: 0,
    };
  },
});
