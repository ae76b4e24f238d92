import { AADSTS_MEANINGS, AADSTS_TABLE, aadstsNumber, GENERIC_AADSTS_RULE, nearestRule } from '../../aadsts.js';
import { aadstsLookup, LINKS } from '../../links.js';
import { INTERACTION_REQUIRED, INVALID_GRANT } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_ENTERPRISE_APP_SCREEN, ENTRA_SIGNIN_LOGS, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

export const entraRefreshTokenInactive = defineRule({
  id: 'entra-refresh-token-inactive',
  title: 'The refresh token expired because the handler was idle too long',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token refresh)',
  links: [LINKS.msErrorCodes, LINKS.msRefreshTokens],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-refresh-token-inactive');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra says the refresh token expired from inactivity (${describeCodes(codes)}). Refresh tokens last 90 days and renew each time they are used, so a handler that polls keeps its grant alive; one that was disabled, or a Jira that was down or idle for that long, loses it. The lifetime cannot be configured.`,
      fix: [REAUTHORIZE_ANY, 'Keep the handler enabled, and re-authorize after any long outage.'],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});

export const entraRefreshTokenRevoked = defineRule({
  id: 'entra-refresh-token-revoked',
  title: "The mailbox account's sessions or refresh tokens were revoked",
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token refresh)',
  signatures: [INVALID_GRANT],
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
        confidence: 'confirmed',
        cause: `Entra says the grant was revoked and a fresh sign-in is needed (${describeCodes(codes)}): an administrator or the user revoked the account's sessions or refresh tokens.${note}`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(INVALID_GRANT)),
        links: codeLinks(codes),
        rank: 2,
      };
    }
    // invalid_grant without a code: revoked, expired or reused grants all say it.
    if (!ctx.seen(INVALID_GRANT) || ctx.facts.errorCodes.some((c) => c.startsWith('AADSTS'))) return null;
    return {
      confidence: 'possible',
      cause: `Entra refused the refresh with invalid_grant but the paste shows no AADSTS number. Revoked sessions (AADSTS50173) are one cause; an expired grant (AADSTS700082, AADSTS70043) is another. The AADSTS number in the same log entry decides.${note}`,
      fix,
      evidence: ctx.evidence(INVALID_GRANT),
      rank: 1,
    };
  },
});

export const entraConditionalAccessOrMfaBlock = defineRule({
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
      confidence: codes.length > 0 ? 'confirmed' : 'likely',
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

export const entraSignInFrequencyExpiry = defineRule({
  id: 'entra-sign-in-frequency-expiry',
  title: 'A Conditional Access sign-in frequency limit ends the refresh token',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (token refresh)',
  links: [LINKS.msErrorCodes, LINKS.msRefreshTokens],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-sign-in-frequency-expiry');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra ended the refresh token because of a Conditional Access sign-in frequency control (${describeCodes(codes)}). It fails again on a fixed interval (for example every 1 or 7 days after authorizing).`,
      fix: [
        'In the Conditional Access policy that sets the sign-in frequency, exclude the Jira app or the service mailbox account.',
        'Or accept the interval and re-authorize each time.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});

export const entraUserNotInTenantOrNotAssigned = defineRule({
  id: 'entra-user-not-in-tenant-or-not-assigned',
  title: 'The account used to Authorize is not in the tenant, not assigned to the app, or cannot sign in',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-user-not-in-tenant-or-not-assigned');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra refused the account that signed in during Authorize (${describeCodes(codes)}). Typically someone signed in with the wrong account (a personal one, or one from another tenant), the enterprise app requires assignment and the mailbox user is not assigned, or the account is disabled, locked or has an expired password.`,
      fix: [
        'Authorize again in a private browser window, signed in as the mailbox account of the right tenant.',
        `If assignment is required, add the mailbox user in ${ENTRA_ENTERPRISE_APP_SCREEN} > Users and groups.`,
        'If the account is disabled, locked or its password expired, have an administrator fix the account first.',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});

export const entraUnknownAadstsCode = defineRule({
  id: GENERIC_AADSTS_RULE,
  title: 'An AADSTS code no failure mode here covers',
  basis: 'documented',
  appliesTo: 'All handlers and protocols',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const unknown = ctx.facts.errorCodes.filter((c) => /^AADSTS\d+$/.test(c) && !AADSTS_TABLE[aadstsNumber(c)]);
    if (unknown.length === 0) return null;
    const lines = unknown.slice(0, 5).map((c) => {
      const meaning = AADSTS_MEANINGS[aadstsNumber(c)];
      const nearest = nearestRule(c);
      return `${c}: ${meaning ? `Microsoft's reference says ${meaning}.` : "it is not in our table; Microsoft's page for it gives the current meaning."}${nearest ? ` Nearest known failure mode: ${nearest}.` : ''}`;
    });
    return {
      confidence: 'possible',
      cause: `Entra refused the request with ${unknown.length === 1 ? 'a code' : 'codes'} that this tool has no dedicated rule for. ${lines.join(' ')}`,
      fix: [
        "Open Microsoft's page for the code (linked below) and read its remediation.",
        `Find the same failure in ${ENTRA_SIGNIN_LOGS} for more detail (the failure reason and the policy that applied).`,
        'If a nearest failure mode is named above, its fix is the best starting point.',
      ],
      evidence: ctx.codeEvidence(...unknown),
      links: unknown.slice(0, 5).map((c) => aadstsLookup(aadstsNumber(c))),
      rank: 0,
    };
  },
});
