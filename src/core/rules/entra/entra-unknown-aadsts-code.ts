import { aadstsNumber, familyOf, GENERIC_AADSTS_RULE, nearestRule } from '../../aadsts.js';
import { aadstsLookup, LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { ENTRA_SIGNIN_LOGS } from '../screens.js';

export default defineRule({
  id: GENERIC_AADSTS_RULE,
  priority: 20,
  title: "An AADSTS code Microsoft's error reference does not list",
  // The whole table was compared with Microsoft's error reference again this month: nothing there is missing here.
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'All handlers and protocols',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const unknown = ctx.facts.errorCodes.filter((c) => /^AADSTS\d+$/.test(c) && familyOf(c) === null);
    if (unknown.length === 0) return null;
    const lines = unknown.slice(0, 5).map((c) => {
      const nearest = nearestRule(c);
      return `${c}: it is not in Microsoft's error reference; Microsoft's page for it gives the current meaning.${nearest ? ` By its number it belongs near: ${nearest}.` : ''}`;
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
