import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { APP_LINKS_SCREEN } from '../screens.js';
import { codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

const RESOURCE_NOT_FOUND_TEXT = signature(
  'resource-principal-not-found-text',
  /resource principal named [^\n]{1,200} was not found in the tenant|InvalidResourceServicePrincipalNotFound|service principal for resource [^\n]{0,200} is disabled/i,
  ['resource principal named', 'invalidresourceserviceprincipal', 'service principal for resource'],
);

export default defineRule({
  id: 'entra-resource-principal-not-found',
  priority: 420,
  title:
    'The tenant has no (enabled) Exchange Online or Graph service principal for the resource asked for (AADSTS500011)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (the token request names a resource)',
  signatures: [RESOURCE_NOT_FOUND_TEXT],
  links: [LINKS.msErrorCodes, LINKS.msNationalCloudsSdk],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-resource-principal-not-found');
    if (codes.length === 0 && !ctx.seen(RESOURCE_NOT_FOUND_TEXT)) return null;
    const disabled =
      ctx.hasCode('AADSTS500014') || ctx.evidence(RESOURCE_NOT_FOUND_TEXT).some((e) => /is disabled/i.test(e.text));
    return {
      confidence: 'confirmed',
      cause: `${codes.length ? `${describeCodes(codes)}. ` : ''}The token was asked for a resource (https://outlook.office365.com for IMAP/POP/SMTP, https://graph.microsoft.com for Graph) that ${disabled ? 'is disabled in this tenant: usually the Exchange Online subscription has lapsed, or an admin disabled its service principal' : 'does not exist in the tenant that was asked'}. Usually the link points at the wrong tenant (a tenant ID or domain from another organisation, or /common resolving to a personal account), the tenant has no Exchange Online licence at all, the resource is written wrongly (\`https://https://…\`, a trailing path), or it is a worldwide resource asked of a government-cloud tenant (or the reverse).`,
      fix: [
        `In ${APP_LINKS_SCREEN}, check the tenant ID in the authorization and token endpoints is your own tenant's (Entra > Overview > Tenant ID), not /common.`,
        'Check the scopes name the resource exactly: `https://outlook.office.com/IMAP.AccessAsUser.All` or `https://graph.microsoft.com/.default`, with nothing doubled.',
        'Make sure the tenant has Exchange Online (a licensed or shared mailbox); a lapsed subscription disables the resource.',
        'For GCC High or DoD, use the .us endpoints and resources (login.microsoftonline.us, outlook.office365.us).',
      ],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(RESOURCE_NOT_FOUND_TEXT)),
      links: codeLinks(codes),
      rank: 4,
    };
  },
});
