import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { signInFailed } from '../imap/signals.js';
import { defineRule } from '../rule.js';
import { ENTRA_SIGNIN_LOGS, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const INTERACTION_REQUIRED = signature('interaction-required', /\binteraction_required\b|\binsufficient_claims\b/, [
  'interaction_required',
  'insufficient_claims',
]);

/** The page Entra shows when a Conditional Access policy blocks a sign-in that was otherwise fine. */
const BLOCKED_PAGE = signature(
  'conditional-access-blocked-page',
  /\bdoes not meet the criteria to access this resource\b|\bYou cannot access this right now\b/i,
  ['does not meet the criteria', 'you cannot access this right now'],
);

export default defineRule({
  id: 'entra-conditional-access-or-mfa-block',
  priority: 480,
  title: 'Conditional Access, security defaults or MFA block the token request',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (Authorize and refresh)',
  signatures: [INTERACTION_REQUIRED, BLOCKED_PAGE],
  links: [LINKS.msErrorCodes, LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-conditional-access-or-mfa-block');
    const interaction = ctx.seen(INTERACTION_REQUIRED);
    const blockedPage = ctx.seen(BLOCKED_PAGE);
    // "Security defaults broke it", "MFA is enforced": the user's account of a policy, with something failing.
    const told = ctx.said('mfa-policy') && (signInFailed(ctx) || ctx.said('stopped-working'));
    if (codes.length === 0 && !interaction && !blockedPage && !told) return null;
    const how =
      codes.length > 0
        ? `Entra blocked the request on policy grounds (${describeCodes(codes)})`
        : blockedPage
          ? "Entra's sign-in page says the sign-in itself succeeded but does not meet the criteria to access the resource, which is how a Conditional Access block looks"
          : interaction
            ? 'Entra asked for user interaction (interaction_required / insufficient_claims), which is how a Conditional Access requirement shows up'
            : 'By your account, a sign-in policy (security defaults, Conditional Access or MFA) came in and sign-in stopped working';
    return {
      confidence: codes.length > 0 ? codeConfidence(codes) : interaction || blockedPage ? 'likely' : 'possible',
      cause: `${how}. A policy demands MFA, a compliant device or a trusted location. Authorize can succeed in an admin's browser while the refresh from the Jira server (another IP address, no device state) is blocked; that last part is our inference.`,
      fix: [
        `In ${ENTRA_SIGNIN_LOGS}, find the failing sign-in of the mailbox account and note which policy applied.`,
        "Scope that Conditional Access policy so the Jira app or the service mailbox is excluded, or add the Jira server's outbound IP address as a trusted named location.",
        'If asked, complete MFA registration for the mailbox account.',
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(
        ctx.codeEvidence(...codes),
        ctx.evidence(INTERACTION_REQUIRED, BLOCKED_PAGE),
        ctx.saidEvidence('mfa-policy'),
      ),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
