import { LINKS } from '../../links.js';
import {
  GRAPH_ACCESS_DENIED,
  GRAPH_MAIL_CALL,
  GRAPH_THROTTLED,
  ITEM_NOT_FOUND,
  MALFORMED_TOKEN,
  ODATA_DISABLED,
  REST_NOT_ENABLED,
  SHARED_MAILBOX,
  UNREAD_SKIPPED_WORDS,
  WRONG_MAILBOX_WORDS,
} from '../../signatures.js';
import { defineRule } from '../rule.js';
import { EMAIL_REQUESTS_SCREEN, ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_STEP } from '../screens.js';
import { graphInUse } from '../util.js';

export const graphAccessDenied = defineRule({
  id: 'graph-access-denied',
  title: 'Graph denies access to the mailbox (403 ErrorAccessDenied)',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [GRAPH_ACCESS_DENIED, ODATA_DISABLED],
  links: [LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    if (!ctx.seen(GRAPH_ACCESS_DENIED) || ctx.seen(ODATA_DISABLED)) return null;
    return {
      confidence: 'likely',
      cause:
        "Graph accepted the token but refused the mailbox (403 ErrorAccessDenied). Any of these does it: the token lacks the delegated mail permission (the scope was not requested or consented); the app was given application permissions while JSM signs in as a user (delegated), and the two must match; the authorizing account has no Exchange Online licence; or the call reads a mailbox that is not the signed-in user's own and was not shared with them.",
      fix: [
        `In ${ENTRA_PERMISSIONS_SCREEN}, add the delegated Microsoft Graph permissions Mail.ReadWrite (JSM marks and moves messages, so it needs write) and offline_access.`,
        'Grant admin consent.',
        'Make sure the account that authorizes is the mailbox owner and has an Exchange Online licence.',
        REAUTHORIZE_STEP,
      ],
      evidence: ctx.evidence(GRAPH_ACCESS_DENIED),
      rank: 2,
    };
  },
});

export const graphOdataDisabled = defineRule({
  id: 'graph-odata-disabled',
  title: 'An Exchange access policy blocks Graph\'s mail endpoints ("Access to OData is disabled")',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [ODATA_DISABLED],
  links: [LINKS.msLimitMailboxAccess],
  evaluate(ctx) {
    if (!ctx.seen(ODATA_DISABLED)) return null;
    // Only the [RAOP] variant is documented; without it the cause comes from community reports (knowledge §6).
    const raop = ctx.evidence(ODATA_DISABLED).some((e) => e.text.includes('[RAOP]'));
    return {
      confidence: raop ? 'confirmed' : 'likely',
      cause:
        'Exchange Online refused Graph mail access for this app or mailbox. With "[RAOP]" in the message, an Exchange application access policy limits which mailboxes the app may read (changes take a while to apply). Without it, community reports tie the message to tenant-wide EWS/REST restrictions (EwsApplicationAccessPolicy with an allow or block list), which also gate the Graph mail endpoints.',
      fix: [
        'Exchange admin, in Exchange Online PowerShell: run `Get-OrganizationConfig | select EwsApplicationAccessPolicy,EwsAllowList,EwsBlockList` and check the CAS settings of the mailbox.',
        'Run `Get-ApplicationAccessPolicy` and `Test-ApplicationAccessPolicy` for the app ID and the mailbox.',
        'Allow the app or the mailbox, wait for the change to apply, then run the connection test again.',
      ],
      evidence: ctx.evidence(ODATA_DISABLED),
      rank: 3,
    };
  },
});

export const graphMailboxNotRestEnabled = defineRule({
  id: 'graph-mailbox-not-rest-enabled',
  title: 'The signed-in account has no Exchange Online mailbox Graph can read',
  basis: 'documented',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [REST_NOT_ENABLED],
  links: [LINKS.msRestNotSupported],
  evaluate(ctx) {
    if (!ctx.seen(REST_NOT_ENABLED)) return null;
    return {
      confidence: 'confirmed',
      cause:
        "Graph says the signed-in user's mailbox is not a usable Exchange Online mailbox: it is on-premises or not yet migrated in a hybrid setup, has no Exchange Online licence, is inactive or soft-deleted, or the account that clicked Authorize (an admin, say) has no mailbox at all.",
      fix: [
        'Check that the account that authorizes has an Exchange Online licence and a mailbox in Exchange Online (migrate it if it is on-premises).',
        REAUTHORIZE_STEP,
        `For a mailbox that stays on-premises, use IMAP/POP against the on-premises server in ${EMAIL_REQUESTS_SCREEN} instead of Graph.`,
      ],
      evidence: ctx.evidence(REST_NOT_ENABLED),
      rank: 3,
    };
  },
});

export const graphAuthorizedWrongMailbox = defineRule({
  id: 'graph-authorized-wrong-mailbox',
  title: "JSM reads the mailbox of whoever clicked Authorize (Graph's /me), not the channel's address",
  basis: 'inferred',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [WRONG_MAILBOX_WORDS, SHARED_MAILBOX, ITEM_NOT_FOUND, REST_NOT_ENABLED, GRAPH_MAIL_CALL],
  links: [LINKS.seedKb, LINKS.atlassianImapUserKb],
  evaluate(ctx) {
    if (!graphInUse(ctx)) return null;
    const words = ctx.seen(WRONG_MAILBOX_WORDS);
    const shared = ctx.seen(SHARED_MAILBOX);
    const itemNotFound = ctx.seen(ITEM_NOT_FOUND);
    const noMailbox = ctx.seen(REST_NOT_ENABLED);
    if (!words && !shared && !itemNotFound && !noMailbox) return null;
    return {
      confidence: words || shared ? 'likely' : 'possible',
      cause: `JSM's Graph puller reads /me/mailFolders/inbox: the mailbox of the account that clicked Authorize, not the address typed in the channel. If an admin authorized, JSM reads the admin's mailbox (or finds none).${shared ? ' A shared mailbox has no sign-in of its own, so it can never be "me" in this flow.' : ''} This follows from the request Jira logs; Atlassian documents the same "wrong user authorizing" problem for IMAP.`,
      fix: [
        `${REAUTHORIZE_STEP} The account that signs in must be the mailbox itself.`,
        'For a shared mailbox: use IMAP with OAuth 2.0 and give the authorizing user Full Access to it, or convert it to a licensed user mailbox.',
      ],
      evidence: ctx.evidence(WRONG_MAILBOX_WORDS, SHARED_MAILBOX, ITEM_NOT_FOUND),
      rank: words || shared ? 2 : 0,
    };
  },
});

export const graphThrottled = defineRule({
  id: 'graph-throttled',
  title: 'Graph throttles the app on this mailbox (429, MailboxConcurrency)',
  basis: 'reported',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [GRAPH_THROTTLED],
  links: [LINKS.msGraphThrottling],
  evaluate(ctx) {
    if (!ctx.seen(GRAPH_THROTTLED)) return null;
    return {
      confidence: 'likely',
      cause:
        'Graph is throttling requests (429 Too Many Requests). Outlook limits on Graph apply per app and per mailbox: 10,000 requests in 10 minutes and 4 at once. Several Jira nodes, channels or other tools using the same app registration and mailbox can exceed them (our inference about the trigger).',
      fix: [
        'Usually nothing: it recovers once the Retry-After period has passed.',
        `Reduce the pollers on this mailbox: one channel per mailbox in ${EMAIL_REQUESTS_SCREEN}.`,
        'Do not reuse the JSM app registration for other tools that call Graph on the same mailbox.',
      ],
      evidence: ctx.evidence(GRAPH_THROTTLED),
      rank: 1,
    };
  },
});

export const graphMalformedOrExpiredToken = defineRule({
  id: 'graph-malformed-or-expired-token',
  title: 'Graph got a broken, non-Graph or expired access token',
  basis: 'reported',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [MALFORMED_TOKEN],
  links: [LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    if (!ctx.seen(MALFORMED_TOKEN)) return null;
    return {
      confidence: 'likely',
      cause:
        'Graph could not use the token it was sent: it is not a well-formed token, not an Entra work-account token for Graph (a personal Microsoft account token gets this too), or it has expired (access tokens last about an hour). For JSM this usually points at a refresh that failed just before, or at someone authorizing with a personal account.',
      fix: [
        'Look just before these lines for a refresh error with an AADSTS number and fix that first.',
        `${REAUTHORIZE_STEP} Use the work account, not a personal Microsoft account.`,
        "Make sure the Jira server's clock is synchronised (NTP).",
      ],
      evidence: ctx.evidence(MALFORMED_TOKEN),
      rank: 1,
    };
  },
});

export const graphUnreadFilterBehaviour = defineRule({
  id: 'graph-unread-filter-behaviour',
  title: 'JSM only fetches unread mail, 10 at a time, so read mail is skipped',
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
