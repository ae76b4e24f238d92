import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { RIGHT_SCOPES } from '../scopes.js';
import { APP_LINKS_SCREEN, REAUTHORIZE_ANY } from '../screens.js';
import { codeConfidence, codeLinks, describeCodes, joinEvidence, seenCodes } from '../util.js';

/** OAuth's invalid_scope error, or AADSTS70011's own words, as clients print them without the code. */
const INVALID_SCOPE_WORDS = signature(
  'invalid-scope-words',
  /\berror["']?\s{0,3}[=:]\s{0,3}["']?invalid_scope\b|\bThe provided (?:resource )?value for the input parameter 'scope' is not valid\b/i,
  ['invalid_scope', 'input parameter'],
);

export default defineRule({
  id: 'entra-invalid-scope',
  priority: 530,
  title: 'The scopes in the application link are not valid (typo, commas, empty)',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (application link scopes)',
  signatures: [INVALID_SCOPE_WORDS],
  links: [LINKS.msErrorCodes, LINKS.atlassianScopeKb],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-invalid-scope');
    const fix = [
      `In ${APP_LINKS_SCREEN}, edit the Microsoft application link and write the scopes separated by single spaces, no commas. ${RIGHT_SCOPES}`,
      'Save.',
      REAUTHORIZE_ANY,
    ];
    const words = ctx.seen(INVALID_SCOPE_WORDS);
    if (codes.length > 0 || words) {
      return {
        confidence: codes.length > 0 ? codeConfidence(codes) : 'likely',
        cause: `Entra rejected the scope string (${codes.length > 0 ? describeCodes(codes) : 'invalid_scope'}). Usual reasons: a typo or unknown scope name, commas instead of spaces between scopes, or an empty scope field in the application link.${ctx.commasBetweenScopes ? ' The pasted scopes are separated by commas, which Entra reads as one long invalid scope.' : ''}`,
        fix,
        evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(INVALID_SCOPE_WORDS)),
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
