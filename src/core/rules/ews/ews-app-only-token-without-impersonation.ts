import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';

/** EWS's own words when an app-only token does not say which mailbox to act as. */
const IMPERSONATION_HEADER_MISSING = signature(
  'impersonation-header-missing',
  /ExchangeImpersonation SOAP header must be present/i,
  ['exchangeimpersonation'],
);

export default defineRule({
  id: 'ews-app-only-token-without-impersonation',
  priority: 190,
  title: 'An app-only token reaches EWS without saying which mailbox to open (no impersonation header)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'Mail clients that read mail over Exchange Web Services (EWS) with an app-only token',
  signatures: [IMPERSONATION_HEADER_MISSING],
  links: [LINKS.msEwsOauth, LINKS.msEwsDeprecation],
  evaluate(ctx) {
    if (!ctx.seen(IMPERSONATION_HEADER_MISSING)) return null;
    return {
      confidence: 'confirmed',
      cause:
        'The client authenticates to Exchange Web Services as the application (client credentials). Such a token belongs to no user, so every EWS request must name the mailbox to act as with the ExchangeImpersonation header (the X-AnchorMailbox header alongside it); without it EWS refuses the request. Jira and JSM do not use EWS: this comes from another tool.',
      fix: [
        'Set the impersonated user on each request: in the EWS Managed API `service.ImpersonatedUserId = new ImpersonatedUserId(ConnectingIdType.SmtpAddress, mailbox)` plus the X-AnchorMailbox header; in exchangelib, `Account(..., access_type=IMPERSONATION)`.',
        'Give the app the full_access_as_app application permission (Office 365 Exchange Online) with admin consent.',
        'Plan the move to Microsoft Graph now: Exchange Online blocks EWS from October 2026 unless an admin allows the app (`Set-OrganizationConfig -EwsEnabled $true -EwsAllowedAppIDs "<app id>"`), and switches it off for good on 1 April 2027.',
      ],
      evidence: ctx.evidence(IMPERSONATION_HEADER_MISSING),
      rank: 3,
    };
  },
});
