import { LINKS } from '../../links.js';
import { CONNECT_EXCEPTION, MAIL_PORT, READ_TIMED_OUT, SMTP_OUTGOING, UNKNOWN_HOST } from '../../signatures.js';
import { TIMEOUT_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { INCOMING_MAIL_SCREEN } from '../screens.js';
import { joinEvidence } from '../util.js';
import { mailSide, networkFailure, smtpOnly, undecided } from './signals.js';

export default defineRule({
  id: 'network-imap-pop-behind-http-proxy',
  priority: 100,
  title: "IMAPS/POP3S has no direct path out: Jira's HTTP proxy does not carry mail protocols",
  checked: '2026-11',
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
        evidence: joinEvidence(
          ctx.evidence(READ_TIMED_OUT, CONNECT_EXCEPTION, UNKNOWN_HOST),
          ctx.saidEvidence('proxy-only', 'port-blocked'),
          ctx.evidence(MAIL_PORT),
        ),
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
