import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN, ENTRA_OVERVIEW_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, seenCodes, sovereignHint } from '../util.js';

export default defineRule({
  id: 'entra-app-or-tenant-not-found',
  priority: 550,
  title: 'Entra cannot find the app or the tenant the application link names',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link)',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-app-or-tenant-not-found');
    if (codes.length === 0) return null;
    const onlyTenant = codes.every((c) => c === 'AADSTS90002');
    const crossCloud = onlyTenant && sovereignHint(ctx);
    return {
      confidence: crossCloud ? 'possible' : onlyTenant ? 'likely' : codeConfidence(codes),
      cause: `Entra could not find what the application link points at (${describeCodes(codes)}). Usual reasons: the Client ID is the Object ID or a Secret ID instead of the Application (client) ID; the tenant-specific endpoints name the wrong tenant; or the tenant lives in another cloud (Microsoft notes that AADSTS90002 often means the wrong cloud).`,
      fix: [
        `Open ${ENTRA_OVERVIEW_SCREEN} and copy the Application (client) ID and the Directory (tenant) ID.`,
        `In ${APP_LINKS_SCREEN}, put the Application (client) ID into Client ID, and the tenant ID into the authorization and token endpoints if they are tenant-specific. Save.`,
        'If the tenant is in GCC High, DoD or 21Vianet, the endpoints must use that cloud\'s login host (see "entra-cross-cloud-authority").',
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.codeEvidence(...codes),
      links: codeLinks(codes),
      rank: 2,
    };
  },
});
