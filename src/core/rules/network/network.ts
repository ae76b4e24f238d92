import { LINKS } from '../../links.js';
import {
  CONNECT_EXCEPTION,
  MAIL_PORT,
  MS_HTTPS_HOST,
  PKIX,
  READ_TIMED_OUT,
  SMTP_OUTGOING,
  UNKNOWN_HOST,
} from '../../signatures.js';
import { TIMEOUT_QUESTION } from '../questions.js';
import { defineRule, type RuleContext } from '../rule.js';
import { INCOMING_MAIL_SCREEN } from '../screens.js';

const mailSide = (ctx: RuleContext) =>
  ctx.seen(MAIL_PORT) || ctx.facts.protocol === 'imap' || ctx.facts.protocol === 'pop';
const smtpOnly = (ctx: RuleContext) => ctx.seen(SMTP_OUTGOING) && !mailSide(ctx) && !ctx.seen(MS_HTTPS_HOST);
const networkFailure = (ctx: RuleContext) =>
  ctx.seen(READ_TIMED_OUT) || ctx.seen(CONNECT_EXCEPTION) || ctx.seen(UNKNOWN_HOST);
/** A timeout with nothing saying which connection it was: the umbrella case. */
const undecided = (ctx: RuleContext) =>
  networkFailure(ctx) && !mailSide(ctx) && !ctx.seen(MS_HTTPS_HOST) && ctx.facts.protocol !== 'graph';

export const networkImapPopBehindHttpProxy = defineRule({
  id: 'network-imap-pop-behind-http-proxy',
  title: "IMAPS/POP3S has no direct path out: Jira's HTTP proxy does not carry mail protocols",
  basis: 'inferred',
  appliesTo: 'IMAP and POP',
  signatures: [READ_TIMED_OUT, CONNECT_EXCEPTION, UNKNOWN_HOST, MAIL_PORT, SMTP_OUTGOING],
  links: [LINKS.atlassianProxyKb],
  evaluate(ctx) {
    if (!networkFailure(ctx) || smtpOnly(ctx)) return null;
    const fix = [
      'Open outbound TCP 993 (IMAPS) and 995 (POP3S) from every Jira node straight to Exchange Online (outlook.office365.com): the http(s).proxyHost settings only carry HTTP and HTTPS.',
      `Or, for a JSM channel, switch it to the Microsoft Graph protocol, which is HTTPS and can use the proxy (our inference). Then re-test in ${INCOMING_MAIL_SCREEN} or the channel.`,
    ];
    if (mailSide(ctx)) {
      return {
        confidence: 'likely',
        cause:
          "The IMAP/POP connection to Exchange Online times out or is refused. Jira's outbound proxy settings apply to HTTP and HTTPS only; Atlassian states they do not work for mail servers such as Office 365. So IMAPS (993) and POP3S (995) need a direct firewall path, even when getting the token over HTTPS works.",
        fix,
        evidence: ctx.evidence(READ_TIMED_OUT, CONNECT_EXCEPTION, MAIL_PORT),
        rank: 2,
      };
    }
    if (!undecided(ctx)) return null;
    return {
      confidence: 'possible',
      cause:
        '"Read timed out" (or a refused connection) says the network path failed, not which one. In order: an IMAP/POP connection to outlook.office365.com:993/995 with no direct firewall path (the proxy does not carry mail protocols), or an HTTPS call to login.microsoftonline.com / graph.microsoft.com with no proxy set. The host and port on the line before the timeout decide.',
      fix,
      evidence: ctx.evidence(READ_TIMED_OUT, CONNECT_EXCEPTION),
      rank: 2,
      questions: [TIMEOUT_QUESTION],
    };
  },
});

export const networkOutboundHttpsProxyMissing = defineRule({
  id: 'network-outbound-https-proxy-missing',
  title: 'Jira cannot reach Microsoft over HTTPS: no outbound proxy set, or the firewall blocks it',
  basis: 'inferred',
  appliesTo: 'All handlers (token endpoint) and the Graph protocol',
  signatures: [UNKNOWN_HOST, CONNECT_EXCEPTION, READ_TIMED_OUT, MS_HTTPS_HOST],
  links: [LINKS.atlassianProxyKb, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    if (!networkFailure(ctx) || smtpOnly(ctx)) return null;
    const fix = [
      'Add `-Dhttps.proxyHost=<proxy> -Dhttps.proxyPort=<port>` (and the http.* equivalents) to the JVM options in setenv.sh / setenv.bat; list hosts that must bypass the proxy in `http.nonProxyHosts`, and make sure Microsoft hosts are not in it.',
      'Restart every Jira node.',
      'Allow login.microsoftonline.com (login.microsoftonline.us for GCC High/DoD) and graph.microsoft.com through the firewall, then re-test.',
    ];
    if (ctx.seen(MS_HTTPS_HOST) && !ctx.seen(MAIL_PORT)) {
      return {
        confidence: 'likely',
        cause:
          'The Jira server could not resolve or reach a Microsoft HTTPS endpoint (the login host for tokens, or Graph). Usually the JVM has no outbound HTTP(S) proxy set where one is required, or `http.nonProxyHosts` wrongly lists Microsoft hosts, or the firewall blocks them.',
        fix,
        evidence: ctx.evidence(UNKNOWN_HOST, CONNECT_EXCEPTION, READ_TIMED_OUT),
        rank: 2,
      };
    }
    if (!undecided(ctx)) return null;
    return {
      confidence: 'possible',
      cause:
        'The second possible reading of this timeout: an HTTPS call to the Microsoft login or Graph host that cannot get out because the JVM has no outbound proxy set. The host named near the timeout decides.',
      fix,
      evidence: ctx.evidence(READ_TIMED_OUT, CONNECT_EXCEPTION),
      rank: 1,
      questions: [TIMEOUT_QUESTION],
    };
  },
});

export const tlsPkixPathBuildingFailed = defineRule({
  id: 'tls-pkix-path-building-failed',
  title: 'Java does not trust the certificate it receives (PKIX), usually a TLS-inspecting proxy',
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
