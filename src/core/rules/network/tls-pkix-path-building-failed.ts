import { LINKS } from '../../links.js';
import { signature } from '../../signatures.js';
import { defineRule } from '../rule.js';

const PKIX = signature(
  'pkix',
  /PKIX path building failed|unable to find valid certification path|SunCertPathBuilderException|SSLHandshakeException/i,
  ['pkix', 'certification path', 'suncertpath', 'sslhandshake'],
);

export default defineRule({
  id: 'tls-pkix-path-building-failed',
  priority: 80,
  title: 'Java does not trust the certificate it receives (PKIX), usually a TLS-inspecting proxy',
  checked: '2026-11',
  basis: 'documented',
  appliesTo: 'All handlers and protocols',
  signatures: [PKIX],
  links: [LINKS.atlassianSslDoc, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    if (!ctx.seen(PKIX)) return null;
    return {
      confidence: 'confirmed',
      cause:
        "Java in Jira does not trust the certificate chain it was shown when connecting (PKIX path building failed). Typically a firewall or proxy that inspects TLS re-signs traffic with a corporate CA that is not in Jira's JVM truststore (our inference); an outdated JVM cacerts file is another cause.",
      fix: [
        'Import the corporate root (and intermediate) CA into the cacerts truststore of the JVM that runs Jira, on every node (keytool -importcert).',
        'Or exempt the Microsoft endpoints (login, Graph, outlook.office365.com) from TLS inspection.',
        'Restart Jira and run the connection test again.',
      ],
      evidence: ctx.evidence(PKIX),
      rank: 3,
    };
  },
});
