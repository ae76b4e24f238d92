import {
  AUTHENTICATE_FAILED,
  AUTHENTICATION_FAILED_WORDS,
  BASIC_AUTH_MECH,
  BASIC_AUTH_WORDS,
  EXCHANGE_IMAP_BANNER,
  EXCHANGE_ONLINE_WORDS,
  LOGIN_FAILED,
  MAIL_LOGIN_FAILURE,
  MAIL_PORT,
  ON_PREMISES,
  OTHER_MAIL_HOST,
  OTHER_PROVIDER,
  SMTP_OUTGOING,
  XOAUTH2_USED,
} from '../../signatures.js';
import type { RuleContext } from '../rule.js';

// What the IMAP/POP rules read from a paste, shared so each rule decides the same way whether IMAP is in play.

/** IMAP or POP is in play: the protocol the text points at, or a mail port, store class or IMAP client in sight. */
export const isImapOrPop = (ctx: RuleContext) =>
  ctx.facts.protocol === 'imap' || ctx.facts.protocol === 'pop' || ctx.seen(MAIL_PORT);
/** SMTP stacks also throw AuthenticationFailedException; without an IMAP/POP cue they are outgoing mail. */
export const smtpOnly = (ctx: RuleContext) => ctx.seen(SMTP_OUTGOING) && !isImapOrPop(ctx);
/** The mailbox is at another provider (Gmail, Yahoo …), and nothing in the text points at Microsoft. */
export const otherProvider = (ctx: RuleContext) => ctx.seen(OTHER_PROVIDER) && !microsoft365(ctx);
/** Exchange refused the IMAP/POP sign-in: its own words, or a library's where IMAP/POP is clearly in play. */
export const authFailed = (ctx: RuleContext) =>
  (ctx.seen(AUTHENTICATE_FAILED) || (ctx.seen(AUTHENTICATION_FAILED_WORDS) && isImapOrPop(ctx))) &&
  !smtpOnly(ctx) &&
  !otherProvider(ctx) &&
  !onPremisesOnly(ctx);
/** Exchange Server in the customer's own data centre, and nothing pointing at Exchange Online. */
export const onPremisesOnly = (ctx: RuleContext) =>
  ctx.seen(ON_PREMISES) && !ctx.facts.hosts.some((h) => /^outlook\.office365\.(?:com|us)$/.test(h));
/** Exchange Online's own host or banner. */
export const exchangeOnline = (ctx: RuleContext) =>
  ctx.seen(EXCHANGE_IMAP_BANNER) || ctx.facts.hosts.some((h) => /^outlook\.office365\.(?:com|us)$/.test(h));
/**
 * Microsoft 365 by its host, its banner, or the user's words ("our O365 mailbox", "Microsoft turned off basic auth");
 * Exchange Server on premises shares the banner, so its name rules the banner out.
 */
export const microsoft365 = (ctx: RuleContext) =>
  ctx.facts.hosts.some((h) => /^outlook\.office365\.(?:com|us)$/.test(h)) ||
  (!ctx.seen(ON_PREMISES) && (exchangeOnline(ctx) || ctx.seen(EXCHANGE_ONLINE_WORDS) || ctx.said('basic-auth-off')));
/** The client signs in with OAuth: the XOAUTH2 command, any OAuth scope in sight, or the person says so. */
export const oauthInUse = (ctx: RuleContext) =>
  ctx.seen(XOAUTH2_USED) || ctx.facts.scopes.length > 0 || ctx.said('uses-oauth');
/** A password went to the server: the LOGIN or PLAIN mechanism, Exchange's answer to LOGIN, or a password in config. */
export const passwordMechanism = (ctx: RuleContext) =>
  ctx.seen(BASIC_AUTH_MECH) ||
  ctx.seen(LOGIN_FAILED) ||
  (ctx.secrets.some((s) => s.kind === 'password') && (isImapOrPop(ctx) || exchangeOnline(ctx)));
/** The handler signs in with a password, by the log or by the user's word: then the OAuth rules do not apply. */
export const basicAuth = (ctx: RuleContext) =>
  (passwordMechanism(ctx) || ctx.seen(BASIC_AUTH_WORDS) || ctx.said('basic-auth-off', 'uses-password')) &&
  !oauthInUse(ctx) &&
  !otherProvider(ctx) &&
  // Exchange's own answers to a password ("LOGIN failed", or "AUTHENTICATE failed" after PLAIN/LOGIN) with no
  // provider named at all: in a tool for Microsoft 365 mail, still most likely this.
  (microsoft365(ctx) ||
    ((ctx.seen(LOGIN_FAILED) || (ctx.seen(AUTHENTICATE_FAILED) && ctx.seen(BASIC_AUTH_MECH))) &&
      !ctx.seen(ON_PREMISES) &&
      !ctx.seen(OTHER_MAIL_HOST)));
/** Signing in or opening the mailbox failed, in whatever words the client uses. */
export const signInFailed = (ctx: RuleContext) =>
  (ctx.seen(AUTHENTICATE_FAILED) ||
    ctx.seen(AUTHENTICATION_FAILED_WORDS) ||
    ctx.seen(LOGIN_FAILED) ||
    ctx.seen(MAIL_LOGIN_FAILURE)) &&
  !smtpOnly(ctx);
