import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

/** Graph's and Entra's own words when an app has no permission granted, and the consent screen's. */
const NO_PERMISSIONS = signature(
  'no-permissions-granted',
  /The token contains no permissions|permissions can ?not be understood|Need admin approval|needs permission to access resources in your organization that only an admin can grant|Approval required/i,
  ['no permissions', 'permissions can', 'admin approval', 'only an admin can grant', 'approval required'],
);

export default defineRule({
  id: 'entra-consent-missing',
  priority: 540,
  title: 'The app registration lacks the permissions Jira asks for, or nobody consented to them',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step)',
  signatures: [NO_PERMISSIONS],
  links: [LINKS.msErrorCodes, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-consent-missing');
    const words = ctx.seen(NO_PERMISSIONS);
    const said = ctx.said('consent-missing');
    if (codes.length === 0 && !words && !said) return null;
    const how =
      codes.length > 0
        ? `Entra would not grant the permissions requested (${describeCodes(codes)})`
        : words
          ? 'Microsoft says the app has no permission granted for this request'
          : 'By your account, an administrator has to approve the app before it may read mail';
    return {
      confidence: words ? 'confirmed' : codes.length > 0 ? codeConfidence(codes) : 'likely',
      cause: `${how}. The delegated permissions behind the scopes (Mail.ReadWrite and offline_access for Graph; IMAP.AccessAsUser.All / POP.AccessAsUser.All for IMAP/POP) are missing from the app's API permissions, or were never consented; many tenants do not let users consent themselves.`,
      fix: [
        `In ${ENTRA_PERMISSIONS_SCREEN}, add the delegated permissions the scopes need: Microsoft Graph Mail.ReadWrite and offline_access for the Graph protocol; Office 365 Exchange Online IMAP.AccessAsUser.All / POP.AccessAsUser.All for IMAP/POP.`,
        'Click Grant admin consent for the tenant (or have the mailbox user consent when signing in).',
        REAUTHORIZE_ANY,
      ],
      evidence: joinEvidence(
        ctx.codeEvidence(...codes),
        ctx.evidence(NO_PERMISSIONS),
        ctx.saidEvidence('consent-missing'),
      ),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
