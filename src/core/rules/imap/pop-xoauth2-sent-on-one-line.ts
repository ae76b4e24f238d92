import { LINKS } from '../../links.js';
import { signature, XOAUTH2_USED } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { joinEvidence } from '../util.js';
import { otherProvider } from './signals.js';

/** Exchange Online's POP3 answer when it cannot take the command it was sent. */
const POP_PROTOCOL_ERROR = signature('pop-protocol-error', /-ERR Protocol error|\bprotocol error\b/i, [
  '-err protocol error',
  'protocol error',
]);
/** POP3 by name or by its port and store classes. */
const POP_NAMED = signature('pop-named', /\bPOP3?S?\b|:995\b|POP3Store|Pop3Client/i, ['pop', ':995'], { broad: true });
/** OAuth in play, in a log's or a person's words. */
const OAUTH_WORDS = signature(
  'oauth-words',
  /\bOAuth ?2?\b|\btokens?\b|XOAUTH2|\bJWT\b/i,
  ['oauth', 'token', 'xoauth2', 'jwt'],
  {
    broad: true,
  },
);
/** People who found the cure say it in these words: the token must go on a line of its own. */
const SECOND_LINE_WORDS = signature(
  'second-line-words',
  /\b(?:two|2|separate|second|own|next) lines?\b|\btwo-line\b/i,
  // Not 'line' alone: "offline" and every "on line 204".
  ['two line', '2 line', 'separate line', 'second line', 'own line', 'next line', 'two-line'],
);
/** The client sent the token in the same command as `AUTH XOAUTH2` (SASL's "initial response"). */
const POP_AUTH_ONE_LINE = signature('pop-auth-one-line', /\bAUTH XOAUTH2 [A-Za-z0-9+/=[]/i, ['auth xoauth2 ']);

export default defineRule({
  id: 'pop-xoauth2-sent-on-one-line',
  priority: 200,
  title: 'The POP3 client sends its OAuth token on the AUTH XOAUTH2 line; Exchange Online wants it after the "+"',
  checked: '2026-11',
  basis: 'reported',
  appliesTo: 'POP3 with OAuth (XOAUTH2) against Exchange Online',
  signatures: [POP_PROTOCOL_ERROR, POP_NAMED, POP_AUTH_ONE_LINE, XOAUTH2_USED, OAUTH_WORDS, SECOND_LINE_WORDS],
  links: [LINKS.msImapOauth],
  evaluate(ctx) {
    const pop = ctx.seen(POP_NAMED) || ctx.facts.protocol === 'pop';
    const oauth = ctx.seen(XOAUTH2_USED) || ctx.seen(POP_AUTH_ONE_LINE) || ctx.seen(OAUTH_WORDS);
    // A protocol error alone is also what POP3 answers an IMAP client: only with OAuth in play is it this.
    const symptom = ctx.seen(POP_PROTOCOL_ERROR) || (pop && ctx.seen(SECOND_LINE_WORDS));
    if (!oauth || !symptom || otherProvider(ctx) || (!pop && ctx.facts.protocol === 'imap')) return null;
    return {
      confidence: ctx.seen(POP_AUTH_ONE_LINE) ? 'likely' : 'possible',
      cause:
        "Exchange Online's POP3 server refused the OAuth sign-in. Clients report that it does not take the XOAUTH2 token on the same line as `AUTH XOAUTH2` (long tokens do not fit a POP3 command line at all): it wants `AUTH XOAUTH2` alone, then the token on its own line after the server's `+`.",
      fix: [
        'Update the mail client or library, or turn on its option to send the XOAUTH2 token on a line of its own (Jakarta Mail, MailKit and getmail gained one after these reports).',
        'Or read the mailbox over IMAP with the same token, which takes it either way.',
      ],
      evidence: joinEvidence(ctx.evidence(POP_PROTOCOL_ERROR, POP_AUTH_ONE_LINE, SECOND_LINE_WORDS)),
      rank: 3,
    };
  },
});
