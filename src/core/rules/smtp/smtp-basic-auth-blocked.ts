import { LINKS } from '../../links.js';
import { defineRule } from '../rule.js';
import { SMTP_AUTH_ON_FOR_MAILBOX, SMTP_OAUTH_STEPS } from '../screens.js';
import { joinEvidence } from '../util.js';
import { smtpOauthStep } from '../versions.js';
import {
  SMTP_535,
  SMTP_AUTH_OFF,
  SMTP_AUTH_PASSWORD,
  SMTP_BASIC_OFF,
  SMTP_POLICY_BLOCK,
  smtpInPlay,
  smtpPassword,
  toMicrosoft365,
} from './signals.js';

export default defineRule({
  id: 'smtp-basic-auth-blocked',
  priority: 160,
  title: 'Outgoing mail signs in with a password, and Exchange Online refuses password SMTP sign-in',
  checked: '2026-12',
  basis: 'documented',
  appliesTo: "Jira's outgoing mail server (and any client) sending through smtp.office365.com",
  signatures: [SMTP_BASIC_OFF, SMTP_POLICY_BLOCK, SMTP_535, SMTP_AUTH_PASSWORD],
  links: [LINKS.msSmtpBasicAuthTimeline, LINKS.atlassianSmtpServer, LINKS.msSmtpAuth],
  retired: [
    {
      advice: 'app passwords for SMTP as a lasting fix (they stop with basic authentication)',
      never: /\b(?:use|create|generate|set up) an app password\b/i,
    },
  ],
  evaluate(ctx) {
    if (!smtpInPlay(ctx) || !toMicrosoft365(ctx) || ctx.seen(SMTP_AUTH_OFF)) return null;
    const said = ctx.said('basic-auth-off');
    const told = ctx.seen(SMTP_BASIC_OFF);
    const policy = ctx.seen(SMTP_POLICY_BLOCK);
    const refused = ctx.seen(SMTP_535) && smtpPassword(ctx);
    // Words alone ("basic auth is off", an app password) belong to the IMAP/POP rule when the failure is a mailbox read.
    const reading = ctx.facts.protocol === 'imap' || ctx.facts.protocol === 'pop';
    if (!told && !policy && !refused && !(said && smtpPassword(ctx) && !reading)) return null;
    const step = smtpOauthStep(ctx);
    return {
      confidence: told ? 'confirmed' : 'likely',
      cause: `${told ? 'Exchange Online says it outright: basic authentication (a username and password) is not accepted for SMTP client submission here.' : policy ? 'Exchange Online refused the password sign-in with 5.7.139: a Conditional Access policy, security defaults or MFA on the account stops a password from signing in to SMTP.' : 'Exchange Online refused the password (535 5.7.3). Unless the password itself is wrong, a password sign-in is being blocked: security defaults, a Conditional Access policy, MFA on the account, or basic authentication for SMTP turned off.'} Password SMTP AUTH is on its way out: Microsoft switches it off by default for existing tenants at the end of December 2026 (admins can turn it back on for a while; the final removal date is to be announced). The lasting fix is OAuth 2.0 for the outgoing mail server.`,
      fix: [
        ...(step ? [step] : SMTP_OAUTH_STEPS),
        SMTP_AUTH_ON_FOR_MAILBOX,
        ...(policy
          ? [
              'In Entra, open the sign-in logs for the sending account: the failed sign-in names the Conditional Access policy or security defaults that blocked it; exclude the mailbox from that policy or move it to OAuth (above).',
            ]
          : []),
        'An app password keeps working only as long as basic authentication does: do not build on it.',
      ],
      evidence: joinEvidence(
        ctx.evidence(SMTP_BASIC_OFF, SMTP_POLICY_BLOCK, SMTP_535),
        ctx.saidEvidence('basic-auth-off', 'uses-password'),
        ctx.evidence(SMTP_AUTH_PASSWORD),
      ),
      rank: told ? 4 : 3,
    };
  },
});
