import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { joinEvidence } from '../util.js';

/** JSM Cloud's email connectivity log: its statuses and its back-off. */
const JSM_CLOUD_EMAIL = signature(
  'jsm-cloud-email-log',
  /\bRATE_LIMITED\b|\bRate Limited\b|Could not retrieve (?:the )?access token|Retrying in \d{1,5} minutes?|Error during HTTP request|Connectivity log/i,
  [
    'rate_limited',
    'rate limited',
    'retrieve access token',
    'retrieve the access token',
    'retrying in',
    'error during http',
    'connectivity log',
  ],
);

export default defineRule({
  id: 'jsm-cloud-email-reconnect',
  priority: 60,
  title:
    "JSM Cloud's email channel lost its Microsoft connection and backs off (Rate Limited, could not retrieve access token)",
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'Jira Service Management Cloud: a custom Microsoft email address on a project',
  signatures: [JSM_CLOUD_EMAIL],
  links: [LINKS.atlassianJsmCloudRateLimitKb],
  evaluate(ctx) {
    if (!ctx.seen(JSM_CLOUD_EMAIL)) return null;
    const texts = ctx
      .evidence(JSM_CLOUD_EMAIL)
      .map((e) => e.text)
      .join(' ');
    const token = /access token/i.test(texts);
    const backOff = /rate.?limited|retrying in/i.test(texts);
    // "Rate limited" alone is also Graph's own 429; JSM Cloud's log says it with its back-off or the token message.
    if (!token && !(backOff && (ctx.facts.jira?.platform === 'cloud' || /RATE_LIMITED|Retrying in/i.test(texts))))
      return null;
    return {
      confidence: token && backOff ? 'confirmed' : 'likely',
      cause:
        'JSM Cloud could not get an access token for the project\'s Microsoft mailbox (its OAuth connection expired, was revoked, or lost permission; a password-based connection fails when the password changes), and after repeated failures it stops trying for longer and longer: that is what "Rate Limited" and "Retrying in N minutes" mean in its connectivity log. It is Jira\'s own back-off, not Microsoft throttling.',
      fix: [
        'Screenshot the connectivity log (Project settings > Channels & self service > Email requests > View logs) and note when it started failing.',
        "If that address is the project's reply-to address, change the reply-to first; then, on the email account's ⋯ menu, choose Remove.",
        'Add external email > Microsoft, and sign in as the mailbox (OAuth) to connect it again; watch the log turn to success.',
        'Mail that arrived while it failed and is still unread is not picked up afterwards: ask Atlassian support, with the time it started failing, to process it.',
      ],
      evidence: joinEvidence(ctx.evidence(JSM_CLOUD_EMAIL)),
      rank: 3,
    };
  },
});
