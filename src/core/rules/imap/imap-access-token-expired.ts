import { LINKS } from '../../links.js';
import { signature, XOAUTH2_USED } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { REAUTHORIZE_ANY } from '../screens.js';
import { joinEvidence } from '../util.js';
import { otherProvider, signInFailed } from './signals.js';

/** Exchange Online's words when it ends an IMAP/POP session whose OAuth token ran out. */
const SESSION_TOKEN_EXPIRED = signature('session-token-expired', /\bAccessTokenExpired\b|Session invalidated/i, [
  'accesstokenexpired',
  'session invalidated',
]);

export default defineRule({
  id: 'imap-access-token-expired',
  priority: 220,
  title: 'The IMAP/POP client keeps using an access token that has expired',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'IMAP and POP with OAuth (XOAUTH2)',
  signatures: [SESSION_TOKEN_EXPIRED, XOAUTH2_USED],
  links: [LINKS.msImapOauth, LINKS.msRefreshTokens],
  evaluate(ctx) {
    const exchangeSaid = ctx.seen(SESSION_TOKEN_EXPIRED);
    // Worked for a while with a token it was given, then stopped: the token ran out and was never renewed.
    const story = ctx.seen(XOAUTH2_USED) && ctx.said('stopped-working') && signInFailed(ctx) && !otherProvider(ctx);
    if (!exchangeSaid && !story) return null;
    return {
      confidence: exchangeSaid ? 'confirmed' : 'possible',
      cause:
        'An OAuth access token lasts about an hour. Exchange Online checks it when the client signs in and ends the session once it has run out ("Session invalidated - AccessTokenExpired"). The client kept presenting the old token instead of getting a new one with its refresh token. In Jira and JSM this is the symptom of a refresh that failed; look for the refresh\'s own error (an AADSTS code) just before.',
      fix: [
        'Let the client renew the token before each connection (or when Exchange ends the session) with its refresh token, or request a new app-only token; a stored access token cannot be reused after it expires.',
        'Make sure the scopes include offline_access so a refresh token is issued at all.',
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(ctx.evidence(SESSION_TOKEN_EXPIRED), ctx.saidEvidence('stopped-working')),
      rank: 3,
    };
  },
});
