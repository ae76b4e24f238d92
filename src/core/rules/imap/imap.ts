import { codesFor } from '../../aadsts.js';
import { LINKS } from '../../links.js';
import {
  AUTHENTICATE_FAILED,
  BASIC_AUTH_MECH,
  BASIC_AUTH_WORDS,
  COULDNT_CONNECT,
  COULDNT_OPEN_INBOX,
  EXCHANGE_IMAP_BANNER,
  IMAP_DISABLED_WORDS,
  IMAP_THROTTLED,
  INVALID_AUDIENCE,
  PASSWORD_SET,
  SHARED_MAILBOX,
  SMTP_OUTGOING,
  XOAUTH2_USED,
} from '../../signatures.js';
import { IMAP_AUTH_QUESTION } from '../questions.js';
import { defineRule, type RuleContext } from '../rule.js';
import { groupScopes } from '../scopes.js';
import {
  APP_LINKS_SCREEN,
  EMAIL_REQUESTS_SCREEN,
  ENTRA_PERMISSIONS_SCREEN,
  INCOMING_MAIL_SCREEN,
  REAUTHORIZE_ANY,
  US_GOV_IMAP_STEPS,
} from '../screens.js';
import { isUsGov } from '../util.js';

const isImapOrPop = (ctx: RuleContext) => ctx.facts.protocol === 'imap' || ctx.facts.protocol === 'pop';
/** SMTP stacks also throw AuthenticationFailedException; without an IMAP/POP cue they are outgoing mail. */
const smtpOnly = (ctx: RuleContext) => ctx.seen(SMTP_OUTGOING) && !isImapOrPop(ctx);
const authFailed = (ctx: RuleContext) => ctx.seen(AUTHENTICATE_FAILED) && !smtpOnly(ctx);
const exchangeOnline = (ctx: RuleContext) =>
  ctx.seen(EXCHANGE_IMAP_BANNER) || ctx.facts.hosts.some((h) => /^outlook\.office365\.(?:com|us)$/.test(h));
/** The handler signs in with a password: then the OAuth rules below do not apply. */
const basicAuth = (ctx: RuleContext) =>
  (ctx.seen(BASIC_AUTH_MECH) || ctx.seen(BASIC_AUTH_WORDS)) && !ctx.seen(XOAUTH2_USED) && exchangeOnline(ctx);

const IMAP_SCOPES =
  '`https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access` (for GCC High and DoD: the same with `https://outlook.office365.us/`)';

export const imapScopeMissingOutlookResource = defineRule({
  id: 'imap-scope-missing-outlook-resource',
  title: 'The IMAP/POP scopes lack the https://outlook.office.com/ resource, so the token is not for Exchange',
  basis: 'documented',
  appliesTo: 'IMAP and POP (Jira incoming mail, JSM IMAP/POP channels)',
  signatures: [AUTHENTICATE_FAILED, SMTP_OUTGOING, XOAUTH2_USED],
  links: [LINKS.msImapOauth, LINKS.atlassianScopeKb, LINKS.atlassianImapAuthenticateFailedKb],
  evaluate(ctx) {
    if (basicAuth(ctx)) return null;
    const scopes = groupScopes(ctx.facts);
    const failed = authFailed(ctx);
    const bare = scopes.bareImapOrPop;
    const graphOnly =
      scopes.outlook.length === 0 && bare.length === 0 && scopes.bareGraph.length + scopes.graphPrefixed.length > 0;
    const fix = [
      `In ${APP_LINKS_SCREEN}, edit the Microsoft application link used by the IMAP/POP handler and set the scopes to exactly ${IMAP_SCOPES}.`,
      `In ${ENTRA_PERMISSIONS_SCREEN}, add the matching delegated permissions (Office 365 Exchange Online IMAP.AccessAsUser.All / POP.AccessAsUser.All) and grant consent.`,
      REAUTHORIZE_ANY,
    ];
    if (failed && (bare.length > 0 || (graphOnly && isImapOrPop(ctx)))) {
      const listed = (bare.length > 0 ? bare : ctx.facts.scopes).map((s) => `\`${s}\``).join(' ');
      return {
        confidence: 'confirmed',
        cause: `Exchange Online refused the XOAUTH2 sign-in (AUTHENTICATE failed), and the scopes (${listed}) do not carry the Outlook resource. Microsoft requires the full IMAP/POP scopes with https://outlook.office.com/ in front; without it Entra issues a token for Graph, which Exchange rejects.`,
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED),
        rank: 3,
      };
    }
    if (bare.length > 0) {
      return {
        confidence: 'likely',
        cause: `The scopes ${bare.map((s) => `\`${s}\``).join(', ')} are written without the Outlook resource. Microsoft says IMAP/POP need the full scopes (https://outlook.office.com/IMAP.AccessAsUser.All); the bare form yields a Graph token that Exchange refuses with AUTHENTICATE failed.`,
        fix,
        evidence: [],
        rank: 2,
      };
    }
    if (failed && scopes.outlook.length === 0) {
      return {
        confidence: 'possible',
        cause:
          "Exchange Online refused the sign-in (AUTHENTICATE failed). In order of likelihood: the application link's scopes lack https://outlook.office.com/ (this finding); IMAP/POP is disabled on the mailbox; or the authorizing account is not the mailbox owner (shared mailbox). The paste does not show the scopes, which decide the first.",
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED),
        rank: 3,
        questions: [IMAP_AUTH_QUESTION],
      };
    }
    if (ctx.seen(COULDNT_OPEN_INBOX) && !ctx.facts.scopes.length) {
      return {
        confidence: 'possible',
        cause:
          "JSM could not open the inbox. A token without the Outlook resource is the third of its usual causes, after the wrong authorizing user and IMAP disabled on the mailbox; the application link's scopes decide.",
        fix,
        evidence: ctx.evidence(COULDNT_OPEN_INBOX),
        rank: 1,
      };
    }
    return null;
  },
});

export const imapPopDisabledOnMailbox = defineRule({
  id: 'imap-pop-disabled-on-mailbox',
  title: 'IMAP or POP is turned off for this mailbox in Exchange Online',
  basis: 'documented',
  appliesTo: 'IMAP and POP (Jira incoming mail, JSM IMAP/POP channels)',
  signatures: [IMAP_DISABLED_WORDS, AUTHENTICATE_FAILED, COULDNT_OPEN_INBOX],
  links: [LINKS.atlassianImapUserKb],
  evaluate(ctx) {
    if (basicAuth(ctx) || smtpOnly(ctx)) return null;
    const scopes = groupScopes(ctx.facts);
    const fix = [
      'Exchange admin, in Exchange Online PowerShell: `Set-CASMailbox <mailbox> -ImapEnabled $true` (or `-PopEnabled $true`), or fix the CAS mailbox plan (ExchangeOnlineDeskless turns IMAP off by default).',
      'Test with the Microsoft Remote Connectivity Analyzer, OAuth IMAP test, signed in as the authorizing user (Alternate mailbox for another mailbox). It does not work for GCC High.',
      `Run the connection test again in ${INCOMING_MAIL_SCREEN} or ${EMAIL_REQUESTS_SCREEN}.`,
    ];
    if (ctx.seen(IMAP_DISABLED_WORDS)) {
      return {
        confidence: 'confirmed',
        cause:
          'IMAP or POP is disabled for the mailbox (ImapEnabled / PopEnabled is False, directly or through its CAS mailbox plan), so Exchange Online refuses the handler even with a valid OAuth token.',
        fix,
        evidence: ctx.evidence(IMAP_DISABLED_WORDS, AUTHENTICATE_FAILED),
        rank: 3,
      };
    }
    const failed = authFailed(ctx);
    const rightScopes = scopes.outlook.length > 0 && scopes.bareImapOrPop.length === 0;
    if (failed && rightScopes) {
      return {
        confidence: 'likely',
        cause:
          'Exchange Online refused the OAuth sign-in (AUTHENTICATE failed) although the scopes carry the Outlook resource correctly. The next documented cause is IMAP4/POP3 disabled for this mailbox (ImapEnabled / PopEnabled False, or a CAS mailbox plan such as ExchangeOnlineDeskless).',
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED),
        rank: 2,
      };
    }
    if ((failed && scopes.outlook.length === 0 && scopes.bareImapOrPop.length === 0) || ctx.seen(COULDNT_OPEN_INBOX)) {
      return {
        confidence: 'possible',
        cause:
          'IMAP or POP may be disabled for this mailbox in Exchange Online; that gives the same refusal as a wrong token or a wrong authorizing user. `Get-CASMailbox <mailbox> | fl ImapEnabled,PopEnabled` decides.',
        fix,
        evidence: ctx.evidence(AUTHENTICATE_FAILED, COULDNT_OPEN_INBOX),
        rank: 2,
      };
    }
    return null;
  },
});

export const imapSharedMailboxOrWrongUser = defineRule({
  id: 'imap-shared-mailbox-or-wrong-user',
  title: 'The account that authorized is not the mailbox owner, or the shared mailbox username is wrong',
  basis: 'documented',
  appliesTo: 'IMAP and POP (Jira incoming mail, JSM IMAP/POP channels)',
  signatures: [COULDNT_OPEN_INBOX, COULDNT_CONNECT, SHARED_MAILBOX, AUTHENTICATE_FAILED],
  links: [LINKS.atlassianOauthCannotConfigureKb, LINKS.atlassianImapUserKb, LINKS.msImapOauth],
  evaluate(ctx) {
    if (basicAuth(ctx) || smtpOnly(ctx) || ctx.facts.protocol === 'graph') return null;
    const inbox = ctx.seen(COULDNT_OPEN_INBOX);
    const shared = ctx.seen(SHARED_MAILBOX);
    const failed = authFailed(ctx);
    if (!inbox && !(shared && (failed || isImapOrPop(ctx))) && !failed) return null;
    const fix = [
      'Authorize as the mailbox owner, or have an Exchange admin give the authorizing user Full Access to the mailbox.',
      `For a shared mailbox, put the shared mailbox's address as the username of the mail server in ${INCOMING_MAIL_SCREEN} or the channel in ${EMAIL_REQUESTS_SCREEN}; the token still comes from the user who has Full Access.`,
      'Wait for the permission to replicate (it can take a while), then authorize again.',
      REAUTHORIZE_ANY,
    ];
    const cause =
      "Exchange accepted no session for this mailbox with this token. The account that clicked Authorize must own the mailbox or have Full Access to it, and for a shared mailbox the username Jira sends (XOAUTH2) must be the shared mailbox's address while the token belongs to the delegated user.";
    if (shared) {
      return {
        confidence: 'likely',
        cause: `${cause} The paste mentions a shared mailbox, which is where this goes wrong most often.`,
        fix,
        evidence: ctx.evidence(SHARED_MAILBOX, COULDNT_OPEN_INBOX, AUTHENTICATE_FAILED),
        rank: 3,
      };
    }
    if (inbox) {
      return {
        confidence: 'possible',
        cause: `JSM could not open the inbox. This message covers several causes; in order: the wrong user authorized (not the owner, no Full Access, or a shared mailbox with the wrong username), IMAP disabled on the mailbox, or scopes without the Outlook resource. ${cause}`,
        fix,
        evidence: ctx.evidence(COULDNT_OPEN_INBOX, COULDNT_CONNECT),
        rank: 3,
        questions: [IMAP_AUTH_QUESTION],
      };
    }
    return {
      confidence: 'possible',
      cause: `The wrong authorizing user is the third usual cause of AUTHENTICATE failed. ${cause}`,
      fix,
      evidence: ctx.evidence(AUTHENTICATE_FAILED),
      rank: 1,
    };
  },
});

export const imapThrottled = defineRule({
  id: 'imap-throttled',
  title: 'Exchange Online throttles IMAP for this mailbox',
  basis: 'documented',
  appliesTo: 'IMAP (Jira incoming mail; also JSM IMAP channels)',
  signatures: [IMAP_THROTTLED],
  links: [LINKS.atlassianImapThrottledKb],
  evaluate(ctx) {
    if (!ctx.seen(IMAP_THROTTLED)) return null;
    return {
      confidence: 'confirmed',
      cause:
        'Exchange Online is throttling IMAP commands for this mailbox ("Request is throttled. Suggested Backoff Time"). Typical triggers, by our inference: several handlers or Jira nodes polling the same mailbox, a very short polling interval, or a very large folder.',
      fix: [
        `In ${INCOMING_MAIL_SCREEN}, raise the handler's polling interval, and keep one handler per mailbox.`,
        'Keep the inbox small (move or delete processed mail).',
        'It usually recovers by itself once the backoff time has passed.',
      ],
      evidence: ctx.evidence(IMAP_THROTTLED),
      rank: 2,
    };
  },
});

export const exchangeBasicAuthDisabled = defineRule({
  id: 'exchange-basic-auth-disabled',
  title: 'The handler still signs in to Exchange Online with a password (Basic authentication is off)',
  basis: 'documented',
  appliesTo: 'IMAP and POP against Exchange Online',
  signatures: [
    BASIC_AUTH_MECH,
    BASIC_AUTH_WORDS,
    PASSWORD_SET,
    XOAUTH2_USED,
    AUTHENTICATE_FAILED,
    EXCHANGE_IMAP_BANNER,
  ],
  links: [LINKS.msBasicAuthDeprecation, LINKS.atlassianImapAuthenticateFailedKb],
  evaluate(ctx) {
    if (!basicAuth(ctx) || smtpOnly(ctx)) return null;
    const mech = ctx.seen(BASIC_AUTH_MECH);
    const failed = ctx.seen(AUTHENTICATE_FAILED);
    if (!failed && !mech) return null;
    return {
      confidence: mech && failed ? 'confirmed' : 'likely',
      cause:
        'The handler signs in to Exchange Online IMAP/POP with a username and password. Microsoft turned Basic authentication off for IMAP4 and POP3 in Exchange Online from 1 October 2022, so the password is refused however correct it is. (Against an on-premises Exchange the same log would be a plain credential problem instead.)',
      fix: [
        `In ${APP_LINKS_SCREEN}, create a Microsoft application link for OAuth 2.0 with the scopes ${IMAP_SCOPES}.`,
        `In ${INCOMING_MAIL_SCREEN} (Jira) or ${EMAIL_REQUESTS_SCREEN} (JSM), edit the mail server or channel and switch its authentication method from password to that OAuth 2.0 link.`,
        REAUTHORIZE_ANY,
      ],
      evidence: ctx.evidence(BASIC_AUTH_MECH, AUTHENTICATE_FAILED, BASIC_AUTH_WORDS),
      rank: 3,
    };
  },
});

const CROSS_CLOUD_CODES = codesFor('entra-cross-cloud-authority');

export const sovereignImapPopWorkaround = defineRule({
  id: 'sovereign-imap-pop-workaround',
  title: 'GCC High / DoD: use IMAP/POP with OAuth instead of the Graph protocol',
  basis: 'documented',
  appliesTo: 'IMAP and POP in GCC High and DoD (JSM Email requests)',
  signatures: [INVALID_AUDIENCE],
  links: [LINKS.atlassianScopeKb, LINKS.atlassianDetailedSteps, LINKS.msGraphDeployments],
  evaluate(ctx) {
    if (!isUsGov(ctx.facts.cloud)) return null;
    // A failing Graph channel gets these steps inside sovereign-graph-endpoint-hardcoded; one finding is enough.
    const graphFailing = ctx.facts.protocol === 'graph' || ctx.seen(INVALID_AUDIENCE);
    if (graphFailing) return null;
    const crossCloud = ctx.hasCode(...CROSS_CLOUD_CODES, 'AADSTS90002');
    const quietImap =
      isImapOrPop(ctx) && ctx.facts.errorCodes.length === 0 && ctx.facts.exceptions.length === 0 && !authFailed(ctx);
    if (!crossCloud && !quietImap) return null;
    return {
      confidence: crossCloud ? 'likely' : 'possible',
      cause:
        "For a GCC High or DoD tenant, JSM's Graph protocol cannot work (it only calls the worldwide graph.microsoft.com), but Atlassian supports IMAP/POP with OAuth 2.0 there, using the government cloud's login and Outlook hosts.",
      fix: US_GOV_IMAP_STEPS,
      evidence: [],
      rank: 0,
      fixAvailable: true,
    };
  },
});
