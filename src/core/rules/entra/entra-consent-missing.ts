import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { ENTRA_PERMISSIONS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-consent-missing',
  title: 'The app registration lacks the permissions Jira asks for, or nobody consented to them',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the Authorize step)',
  links: [LINKS.msErrorCodes, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-consent-missing');
    if (codes.length === 0) return null;
    return {
      confidence: 'confirmed',
      cause: `Entra would not grant the permissions Jira requested (${describeCodes(codes)}). The delegated permissions behind the scopes (Mail.ReadWrite and offline_access for Graph; IMAP.AccessAsUser.All / POP.AccessAsUser.All for IMAP/POP) are missing from the app's API permissions, or were never consented; many tenants do not let users consent themselves.`,
      fix: [
        `In ${ENTRA_PERMISSIONS_SCREEN}, add the delegated permissions the scopes need: Microsoft Graph Mail.ReadWrite and offline_access for the Graph protocol; Office 365 Exchange Online IMAP.AccessAsUser.All / POP.AccessAsUser.All for IMAP/POP.`,
        'Click Grant admin consent for the tenant (or have the mailbox user consent when signing in).',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
