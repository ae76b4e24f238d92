import { aadstsNumber, codesFor, describeMeaning, NON_SETTING_FAMILIES } from '../../aadsts.js';
import { aadstsLookup, LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { ENTRA_SIGNIN_LOGS } from '../screens.js';

// Codes Microsoft lists whose family is not a setting to change: what each family means for someone reading mail.
const FAMILY_SAYS: Record<(typeof NON_SETTING_FAMILIES)[number], string> = {
  'request-malformed':
    'the request the client sent was itself malformed (a missing, repeated or invalid parameter, or a grant type the endpoint does not take): a bug or a wrong setting in the client, not in Entra',
  'service-side': "the failure is on Microsoft's side or passing (a service outage, throttling of the sign-in service)",
  interrupted:
    'this is an expected interruption of an interactive sign-in (a prompt, or a flow that has to start again) rather than a refusal',
  'not-mail':
    "this code comes from a kind of sign-in a mail client does not make (SAML, WS-Federation, device registration and the like): check that the error was copied from the mail handler's own sign-in",
};

export default defineRule({
  id: 'entra-code-not-a-setting',
  priority: 30,
  title: 'An AADSTS code that points at the request, the sign-in flow or Microsoft, not at a setting',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'All handlers and protocols',
  links: [LINKS.msErrorCodes],
  evaluate(ctx) {
    const found = NON_SETTING_FAMILIES.flatMap((family) =>
      codesFor(family)
        .filter((c) => ctx.hasCode(c))
        .map((code) => ({ code, family })),
    );
    if (found.length === 0) return null;
    const lines = found.slice(0, 5).map(({ code, family }) => `${describeMeaning(code)}: ${FAMILY_SAYS[family]}.`);
    const passing = found.every((f) => f.family === 'service-side' || f.family === 'interrupted');
    return {
      confidence: 'possible',
      cause: `Entra refused the request with ${found.length === 1 ? 'a code' : 'codes'} from Microsoft's reference that no configuration of the mail handler explains. ${lines.join(' ')}`,
      fix: passing
        ? [
            'Try again after a while; if it keeps failing, check the Microsoft 365 service health page.',
            `Find the failure in ${ENTRA_SIGNIN_LOGS}: the failure reason there says more.`,
          ]
        : [
            "Open Microsoft's page for the code (linked below).",
            `Find the same failure in ${ENTRA_SIGNIN_LOGS} for the failure reason and the request that caused it.`,
            'Paste the error the mail handler itself logged (atlassian-jira-incoming-mail.log or atlassian-jira.log) if this came from elsewhere.',
          ],
      evidence: ctx.codeEvidence(...found.map((f) => f.code)),
      links: found.slice(0, 5).map((f) => aadstsLookup(aadstsNumber(f.code))),
      rank: 0,
    };
  },
});
