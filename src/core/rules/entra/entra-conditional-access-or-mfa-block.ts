import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_SIGNIN_LOGS, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const INTERACTION_REQUIRED = signature('interaction-required', /\binteraction_required\b|\binsufficient_claims\b/, [
  'interaction_required',
  'insufficient_claims',
]);

export default defineRule({
  id: 'entra-conditional-access-or-mfa-block',
  title: 'Conditional Access, security defaults or MFA block the token request',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (Authorize and refresh)',
  signatures: [INTERACTION_REQUIRED],
  links: [LINKS.msErrorCodes, LINKS.msResolveAuthErrors],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-conditional-access-or-mfa-block');
    const interaction = ctx.seen(INTERACTION_REQUIRED);
    if (codes.length === 0 && !interaction) return null;
    return {
      confidence: codes.length > 0 ? codeConfidence(codes) : 'likely',
      cause: `${codes.length > 0 ? `Entra blocked the request on policy grounds (${describeCodes(codes)})` : 'Entra asked for user interaction (interaction_required / insufficient_claims), which is how a Conditional Access requirement shows up'}. A policy demands MFA, a compliant device or a trusted location. Authorize can succeed in an admin's browser while the refresh from the Jira server (another IP address, no device state) is blocked; that last part is our inference.`,
      fix: [
        `In ${ENTRA_SIGNIN_LOGS}, find the failing sign-in of the mailbox account and note which policy applied.`,
        "Scope that Conditional Access policy so the Jira app or the service mailbox is excluded, or add the Jira server's outbound IP address as a trusted named location.",
        'If asked, complete MFA registration for the mailbox account.',
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(INTERACTION_REQUIRED)),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
