import { LINKS } from '../../links.js';
import { OUTLOOK_SCOPE } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { groupScopes } from '../scopes.js';
import { APP_LINKS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-scopes-span-two-resources',
  priority: 520,
  title: 'One application link asks for Graph and Exchange (IMAP/POP) scopes at once',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  signatures: [OUTLOOK_SCOPE],
  links: [LINKS.msErrorCodes, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-scopes-span-two-resources');
    const scopes = groupScopes(ctx.facts);
    const graphSide = [...scopes.bareGraph, ...scopes.graphPrefixed.filter((s) => !s.endsWith('offline_access'))];
    const mixed = graphSide.length > 0 && scopes.outlook.length > 0;
    const fix = [
      `In ${APP_LINKS_SCREEN}, keep one Microsoft application link per resource: one for the JSM Graph protocol with \`Mail.ReadWrite offline_access\`, and another for IMAP/POP with \`https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access\`.`,
      'Point each mail channel or handler at the link that matches its protocol.',
      REAUTHORIZE_ANY,
    ];
    const reportedOnly = codes.length > 0 && codes.every((c) => c === 'AADSTS28000');
    if (codes.length > 0) {
      return {
        confidence: reportedOnly ? 'likely' : 'confirmed',
        cause: `Entra refused the scope string because it names more than one resource (${describeCodes(codes)}). One token can be for Microsoft Graph (Mail.ReadWrite) or for Exchange Online (https://outlook.office.com/…), never both.${mixed ? ' The pasted scopes mix the two.' : ''}`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(OUTLOOK_SCOPE)),
        links: codeLinks(codes),
        rank: 3,
      };
    }
    if (!mixed) return null;
    return {
      confidence: 'likely',
      cause: `The scopes mix Microsoft Graph permissions (${graphSide.map((s) => `\`${s}\``).join(', ')}) with Exchange Online ones (${scopes.outlook.map((s) => `\`${s}\``).join(', ')}). One token request can target only one resource, so Entra refuses this (AADSTS700022 / AADSTS28000).`,
      fix,
      evidence: ctx.evidence(OUTLOOK_SCOPE),
      rank: 2,
    };
  },
});
