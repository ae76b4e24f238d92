import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { ENTRA_SECRETS_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';

const APP_POLICY = signature(
  'app-policy-blocks-secret',
  /CredentialInvalidLifetimeAsPerAppPolicy|CredentialTypeNotAllowedAsPerAppPolicy|Credential lifetime exceeds the max value allowed as per assigned policy|(?:password|secret) credentials? (?:are|is) not allowed as per (?:the )?(?:assigned )?policy|app(?:lication)? management polic(?:y|ies)/i,
  ['asperapppolicy', 'credential lifetime exceeds', 'not allowed as per', 'management polic'],
);

export default defineRule({
  id: 'entra-app-policy-blocks-secret',
  priority: 400,
  title: "A tenant app-management policy limits or forbids client secrets, so the link's secret cannot be created",
  checked: '2026-12',
  basis: 'documented',
  appliesTo: 'All handlers and protocols (creating or renewing the client secret)',
  signatures: [APP_POLICY],
  links: [LINKS.msAppManagementPolicies],
  evaluate(ctx) {
    if (!ctx.seen(APP_POLICY)) return null;
    const forbidden = ctx.evidence(APP_POLICY).some((e) => /TypeNotAllowed|not allowed as per/i.test(e.text));
    return {
      confidence: 'confirmed',
      cause: `The tenant has an app-management policy that ${forbidden ? 'forbids client secrets (password credentials) on this app' : 'caps how long a client secret may live, and the one being created asks for longer'}. It stops the secret from being made, in the Entra portal or through Graph; it never blocks sign-in for a secret that already exists. A Jira application link needs a client secret${forbidden ? ', so this app cannot be used for Jira until the policy allows one' : ': a shorter one works, but expires sooner (AADSTS7000222 on that day)'}.`,
      fix: [
        forbidden
          ? 'Ask the Entra admin for an exemption for this app (a custom app-management policy that allows a password credential), or use a separate app registration the policy does not cover.'
          : `In ${ENTRA_SECRETS_SCREEN}, create the secret with an expiry inside the policy's limit (Entra offers the allowed choices).`,
        'Paste the new Value into the Jira application link, save and test.',
        "Put the secret's expiry date in the calendar a few weeks ahead: a short policy limit means frequent rotation.",
      ],
      evidence: joinEvidence(ctx.evidence(APP_POLICY)),
      rank: 4,
    };
  },
});
