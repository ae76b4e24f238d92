import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { OUTGOING_MAIL_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';
import { SMTP_TLS, SMTP_WRONG_PORT, smtpInPlay, toMicrosoft365 } from './signals.js';

export default defineRule({
  id: 'smtp-tls-or-port',
  priority: 140,
  title: 'TLS or the port is wrong for smtp.office365.com (STARTTLS on 587, TLS 1.2)',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: "Jira's outgoing mail server (and any client) sending through smtp.office365.com",
  signatures: [SMTP_TLS, SMTP_WRONG_PORT],
  links: [LINKS.msSmtpDevices, LINKS.msSmtpLegacyTls, LINKS.atlassianSmtpServer],
  retired: [
    {
      advice: 'port 465 with implicit TLS for smtp.office365.com (Microsoft lists 587, or 25)',
      never: /\b(?:use|set|try)\b[^.;]{0,40}\bport 465\b/i,
    },
  ],
  evaluate(ctx) {
    const tls = ctx.seen(SMTP_TLS);
    const port = ctx.seen(SMTP_WRONG_PORT);
    if (!(tls || port) || !toMicrosoft365(ctx) || !(smtpInPlay(ctx) || port)) return null;
    const oldTls = ctx.evidence(SMTP_TLS).some((e) => /4\.7\.66|TLS 1\.0 and 1\.1/i.test(e.text));
    const starttls = ctx.evidence(SMTP_TLS).some((e) => /STARTTLS/i.test(e.text));
    return {
      confidence: oldTls || starttls ? 'confirmed' : 'likely',
      cause: oldTls
        ? 'smtp.office365.com only accepts TLS 1.2 or newer, and this client offered TLS 1.0 or 1.1 (421 4.7.66). Old Java runtimes and old mail libraries do this by default.'
        : starttls
          ? 'The client tried to send before switching the connection to TLS: smtp.office365.com requires STARTTLS on port 587 (451 5.7.3 "STARTTLS is required").'
          : 'The connection settings do not match what smtp.office365.com speaks: client submission is STARTTLS on port 587 (a plain connection that switches to TLS), not implicit TLS on 465 or 443, and 993/995 are IMAP and POP, not SMTP. A TLS handshake on a plain port gives "wrong version number"; the wrong port gives no usable sign-in at all.',
      fix: [
        `In ${OUTGOING_MAIL_SCREEN}, set host smtp.office365.com, port 587 and TLS on (Jira's "TLS" is STARTTLS); do not use 465.`,
        'Run Jira on a Java that speaks TLS 1.2 (any supported Jira release does); an old runtime can be told with `-Dmail.smtp.ssl.protocols=TLSv1.2` in the JVM options.',
        "Open outbound TCP 587 from every Jira node to smtp.office365.com (Jira's HTTP proxy does not carry SMTP).",
        "Microsoft's legacy-TLS endpoint (smtp-legacy.office365.com) is a stopgap only, and does not exist in GCC, GCC High or DoD.",
      ],
      evidence: joinEvidence(ctx.evidence(SMTP_TLS, SMTP_WRONG_PORT)),
      rank: oldTls || starttls ? 4 : 2,
    };
  },
});
