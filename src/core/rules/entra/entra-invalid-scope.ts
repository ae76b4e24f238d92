import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { RIGHT_SCOPES } from '../scopes.js';
import { APP_LINKS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, seenCodes } from '../util.js';

export default defineRule({
  id: 'entra-invalid-scope',
  title: 'The scopes in the application link are not valid (typo, commas, empty)',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  links: [LINKS.msErrorCodes, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-invalid-scope');
    const fix = [
      `In ${APP_LINKS_SCREEN}, edit the Microsoft application link and write the scopes separated by single spaces, no commas. ${RIGHT_SCOPES}`,
      'Save.',
      REAUTHORIZE_ANY,
    ];
    if (codes.length > 0) {
      return {
        confidence: codeConfidence(codes),
        cause: `Entra rejected the scope string (${describeCodes(codes)}). Usual reasons: a typo or unknown scope name, commas instead of spaces between scopes, or an empty scope field in the application link.${ctx.commasBetweenScopes ? ' The pasted scopes are separated by commas, which Entra reads as one long invalid scope.' : ''}`,
        fix,
        evidence: ctx.codeEvidence(...codes),
        links: codeLinks(codes),
        rank: 3,
      };
    }
    if (!ctx.commasBetweenScopes) return null;
    return {
      confidence: 'likely',
      cause:
        'The pasted scopes are separated by commas. OAuth scopes are separated by spaces; with commas Entra sees one unknown scope and answers AADSTS70011 (invalid scope), as community reports show.',
      fix,
      evidence: [],
      rank: 2,
    };
  },
});
