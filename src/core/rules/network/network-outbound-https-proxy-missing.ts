import { LINKS } from '../../links.js';
import {
  CONNECT_EXCEPTION,
  MAIL_PORT,
  MS_HTTPS_HOST,
  OAUTH_HTTPS_CALL,
  READ_TIMED_OUT,
  UNKNOWN_HOST,
} from '../../signatures.js';
import { TIMEOUT_QUESTION } from '../questions.js';
import { defineRule } from '../rule.js';
import { joinEvidence } from '../util.js';
import { httpsSide, mailSide, networkFailure, smtpOnly, undecided } from './signals.js';

export default defineRule({
  id: 'network-outbound-https-proxy-missing',
  priority: 90,
  title: 'Jira cannot reach Microsoft over HTTPS: no outbound proxy set, or the firewall blocks it',
  checked: '2026-11',
  basis: 'inferred',
  appliesTo: 'All handlers (token endpoint) and the Graph protocol',
  // OAUTH_HTTPS_CALL (broad) is read through httpsSide: declared here so the catalogue knows this rule leans on it.
  signatures: [UNKNOWN_HOST, CONNECT_EXCEPTION, READ_TIMED_OUT, MS_HTTPS_HOST, OAUTH_HTTPS_CALL],
  links: [LINKS.atlassianProxyKb, LINKS.atlassianDetailedSteps],
  evaluate(ctx) {
    if (!networkFailure(ctx) || smtpOnly(ctx)) return null;
    const fix = [
      'Add `-Dhttps.proxyHost=<proxy> -Dhttps.proxyPort=<port>` (and the http.* equivalents) to the JVM options in setenv.sh / setenv.bat; list hosts that must bypass the proxy in `http.nonProxyHosts`, and make sure Microsoft hosts are not in it.',
      'Restart every Jira node.',
      'Allow login.microsoftonline.com (login.microsoftonline.us for GCC High/DoD) and graph.microsoft.com through the firewall, then re-test.',
    ];
    if (httpsSide(ctx)) {
      // With IMAP in the same text, the mail connection is the likelier one to be stuck behind the proxy.
      const alsoMail = mailSide(ctx) || ctx.seen(MAIL_PORT);
      return {
        confidence: alsoMail ? 'possible' : 'likely',
        cause:
          'The Jira server could not resolve or reach a Microsoft HTTPS endpoint (the login host for tokens, or Graph). Usually the JVM has no outbound HTTP(S) proxy set where one is required, or `http.nonProxyHosts` wrongly lists Microsoft hosts, or the firewall blocks them.',
        fix,
        evidence: joinEvidence(
          ctx.evidence(UNKNOWN_HOST, CONNECT_EXCEPTION, READ_TIMED_OUT),
          ctx.saidEvidence('proxy-only', 'port-blocked'),
        ),
        rank: alsoMail ? 1 : 2,
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
