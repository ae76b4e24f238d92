import {
  AUTHENTICATE_FAILED,
  BASIC_AUTH_MECH,
  BASIC_AUTH_WORDS,
  EXCHANGE_IMAP_BANNER,
  SMTP_OUTGOING,
  XOAUTH2_USED,
} from '../../signatures.js';
import type { RuleContext } from '../rule.js';

// What the IMAP/POP rules read from a paste, shared so each rule decides the same way whether IMAP is in play.

export const isImapOrPop = (ctx: RuleContext) => ctx.facts.protocol === 'imap' || ctx.facts.protocol === 'pop';
/** SMTP stacks also throw AuthenticationFailedException; without an IMAP/POP cue they are outgoing mail. */
export const smtpOnly = (ctx: RuleContext) => ctx.seen(SMTP_OUTGOING) && !isImapOrPop(ctx);
export const authFailed = (ctx: RuleContext) => ctx.seen(AUTHENTICATE_FAILED) && !smtpOnly(ctx);
export const exchangeOnline = (ctx: RuleContext) =>
  ctx.seen(EXCHANGE_IMAP_BANNER) || ctx.facts.hosts.some((h) => /^outlook\.office365\.(?:com|us)$/.test(h));
/** The handler signs in with a password: then the OAuth rules do not apply. */
export const basicAuth = (ctx: RuleContext) =>
  (ctx.seen(BASIC_AUTH_MECH) || ctx.seen(BASIC_AUTH_WORDS)) && !ctx.seen(XOAUTH2_USED) && exchangeOnline(ctx);
