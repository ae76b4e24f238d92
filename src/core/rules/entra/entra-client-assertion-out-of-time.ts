import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';
import { codeLinks, joinEvidence, seenCodes } from '../util.js';

const ASSERTION_TIME_TEXT = signature('client-assertion-time', /Client assertion is not within its valid time range/i, [
  'client assertion is not within',
]);

export default defineRule({
  id: 'entra-client-assertion-out-of-time',
  priority: 410,
  title:
    "A certificate-signed client assertion is outside its valid time (AADSTS700024): the client's clock or a stale assertion",
  checked: '2026-12',
  basis: 'reported',
  appliesTo:
    'Clients that sign in with a certificate or a federated credential (not a Jira application link, which sends a client secret)',
  signatures: [ASSERTION_TIME_TEXT],
  links: [LINKS.msCertificateCredentials],
  evaluate(ctx) {
    const codes = seenCodes(ctx, 'entra-client-assertion-out-of-time');
    if (codes.length === 0 && !ctx.seen(ASSERTION_TIME_TEXT)) return null;
    return {
      confidence: 'likely',
      cause:
        "The client signed in with a client assertion (a short-lived token it signs with a certificate, or gets from a federated identity), and Entra found its validity window does not include the current time. Either the client's clock is off by minutes, or it reuses an assertion it made earlier. A Jira application link sends a client secret, not an assertion, so this comes from another client: a script, an add-on or a mail tool set up with a certificate.",
      fix: [
        "Sync the client machine's clock (NTP); a few minutes of drift is enough to fail.",
        'Make the client build a fresh assertion for each token request (MSAL does; a hand-built one often caches it).',
        "Check the certificate's own validity dates, and that the one uploaded to the app registration is the one the client signs with (compare thumbprints).",
      ],
      evidence: joinEvidence(ctx.codeEvidence(...codes), ctx.evidence(ASSERTION_TIME_TEXT)),
      links: codeLinks(codes),
      rank: 3,
    };
  },
});
