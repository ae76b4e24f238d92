import { LINKS } from '../../links.js';
import { GRAPH_MAIL_CALL, REST_NOT_ENABLED, SHARED_MAILBOX, signature } from '../../signatures.js';
import { isImapOrPop, smtpOnly } from '../imap/signals.js';
import { defineRule } from '../rule.js';
import { REAUTHORIZE_STEP } from '../screens.js';
import { graphInUse } from '../util.js';

const WRONG_MAILBOX_WORDS = signature(
  'wrong-mailbox-words',
  /\bwrong (?:mailbox|inbox|account|user)\b|\b(?:admin(?:'s|istrator's)?|my own|my personal) (?:mailbox|inbox)\b|\b(?:authenticated|signed[- ]in|logged[- ]in) user'?s (?:inbox|mailbox|messages|mail)\b|\binbox of (?:the )?(?:user|account|person) who (?:signed|logged|authenticated)/i,
  ['wrong ', 'admin', 'my own', 'my personal', 'user', 'inbox of'],
  { broad: true },
);

const ITEM_NOT_FOUND = signature('item-not-found', /ErrorItemNotFound/, ['erroritemnotfound']);

export default defineRule({
  id: 'graph-authorized-wrong-mailbox',
  priority: 350,
  title: "JSM reads the mailbox of whoever clicked Authorize (Graph's /me), not the channel's address",
  checked: '2026-11',
  basis: 'inferred',
  appliesTo: 'JSM Email requests, Microsoft Graph protocol',
  signatures: [WRONG_MAILBOX_WORDS, SHARED_MAILBOX, ITEM_NOT_FOUND, REST_NOT_ENABLED, GRAPH_MAIL_CALL],
  links: [LINKS.seedKb, LINKS.atlassianImapUserKb],
  evaluate(ctx) {
    const words = ctx.seen(WRONG_MAILBOX_WORDS);
    // Said in words and nothing pointing at IMAP: the Graph reading of "it reads the wrong inbox" holds too.
    if (!graphInUse(ctx) && !(words && !isImapOrPop(ctx) && !smtpOnly(ctx))) return null;
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
