import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_SECRETS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, joinEvidence, seenCodes } from '../util.js';

const SECRET_EXPIRED_TEXT = signature(
  'secret-expired-text',
  /client secret keys[^\n]{0,80}are expired|InvalidClientSecretExpiredKeysProvided/i,
  ['client secret keys', 'invalidclientsecretexpired'],
);

/** The OAuth error for a client Entra would not authenticate: a wrong, expired or missing secret all give it. */
export const INVALID_CLIENT = signature(
  'invalid-client',
  /\binvalid_client\b|Client authentication failed \(e\.g\., unknown client/i,
  ['invalid_client', 'client authentication failed'],
);

export default defineRule({
  id: 'entra-client-secret-expired',
  priority: 600,
  title: "The app registration's client secret has expired",
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (every token refresh)',
  signatures: [SECRET_EXPIRED_TEXT, INVALID_CLIENT],
  links: [LINKS.atlassianSecretExpiredKb, LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-client-secret-expired');
    const known = codes.length > 0 || ctx.seen(SECRET_EXPIRED_TEXT);
    const said = ctx.said('secret-expired');
    // invalid_client with no code: an expired secret is the usual story when it worked before and stopped.
    const umbrella = ctx.seen(INVALID_CLIENT) && ctx.facts.errorCodes.every((c) => !c.startsWith('AADSTS'));
    if (!known && !said && !umbrella) return null;
    const stopped = ctx.said('stopped-working');
    return {
      confidence: known ? 'confirmed' : said ? 'likely' : 'possible',
      cause: `${known || said ? '' : 'Entra refused to authenticate the client (invalid_client) without saying why; a wrong secret, a missing one and an expired one all read like this. '}${known ? 'The' : 'Most likely the'} client secret of the Entra app registration behind the application link has passed its expiry date, so every token refresh is refused. The typical story: the handler worked for months and stopped on the day the secret expired. JSM shows this only as "OAuth token not defined for connection".`,
      fix: [
        `In ${ENTRA_SECRETS_SCREEN}, create a new client secret (or use a certificate credential where possible) and copy its Value.`,
        `In ${APP_LINKS_SCREEN}, edit the Microsoft application link, paste the new Value into Client secret and save.`,
        REAUTHORIZE_ANY,
        "Put a reminder in the calendar a few weeks before the new secret's expiry date.",
      ],
      evidence: joinEvidence(
        ctx.codeEvidence(...codes),
        ctx.evidence(SECRET_EXPIRED_TEXT, INVALID_CLIENT),
        ctx.saidEvidence('secret-expired', 'stopped-working'),
      ),
      links: codeLinks(codes),
      rank: known || said || stopped ? 3 : 1,
    };
  },
});
