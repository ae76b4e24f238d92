import { LINKS } from '../../links.js';
import { OTHER_PROVIDER, signature } from '../../signatures.js';
import { otherProvider } from '../imap/signals.js';
import { defineRule } from '../rule.js';
import { ENTRA_SIGNIN_LOGS, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const INVALID_GRANT = signature('invalid-grant', /\binvalid_grant\b/, ['invalid_grant']);

export default defineRule({
  id: 'entra-refresh-token-revoked',
  priority: 490,
  title: "The mailbox account's sessions or refresh tokens were revoked",
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token refresh)',
  signatures: [INVALID_GRANT, OTHER_PROVIDER],
  links: [LINKS.msErrorCodes, LINKS.msRefreshTokens],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-refresh-token-revoked');
    const fix = [
      REAUTHORIZE_ANY,
      `In ${ENTRA_SIGNIN_LOGS}, look up the mailbox account's failed sign-in to see why its tokens were revoked.`,
    ];
    const note =
      ' A password change or reset alone does not do this: Microsoft keeps refresh tokens of confidential clients such as Jira valid across password changes, so look for an explicit "Revoke sessions", an incident response, or a disabled account.';
    if (codes.length > 0) {
      return {
        confidence: codeConfidence(codes),
        cause: `Entra says the grant was revoked and a fresh sign-in is needed (${describeCodes(codes)}): an administrator or the user revoked the account's sessions or refresh tokens.${note}`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(INVALID_GRANT)),
        links: codeLinks(codes),
        rank: 2,
      };
    }
    // invalid_grant without a code: revoked, expired or reused grants all say it.
    // Google and Atlassian's own OAuth say invalid_grant too: without a Microsoft cue it is not Entra speaking.
    if (!ctx.seen(INVALID_GRANT) || ctx.facts.errorCodes.some((c) => c.startsWith('AADSTS')) || otherProvider(ctx)) {
      return null;
    }
    return {
      confidence: 'possible',
      cause: `Entra refused the refresh with invalid_grant but the paste shows no AADSTS number. Revoked sessions (AADSTS50173) are one cause; an expired grant (AADSTS700082, AADSTS70043) is another. The AADSTS number in the same log entry decides.${note}`,
      fix,
      evidence: ctx.evidence(INVALID_GRANT),
      rank: 1,
    };
  },
});
