import {
  CONNECT_EXCEPTION,
  MAIL_PORT,
  MS_HTTPS_HOST,
  OAUTH_HTTPS_CALL,
  READ_TIMED_OUT,
  SMTP_OUTGOING,
  UNKNOWN_HOST,
} from '../../signatures.js';
import { otherProvider } from '../imap/signals.js';
import type { RuleContext } from '../rule.js';

// Which connection a network failure belongs to, shared by the network rules.

export const mailSide = (ctx: RuleContext) =>
  ctx.seen(MAIL_PORT) || ctx.facts.protocol === 'imap' || ctx.facts.protocol === 'pop';
/** The HTTPS side: Microsoft's login or Graph host, or the OAuth calls a mail client makes. */
export const httpsSide = (ctx: RuleContext) => ctx.seen(MS_HTTPS_HOST) || ctx.seen(OAUTH_HTTPS_CALL);
export const smtpOnly = (ctx: RuleContext) =>
  (ctx.seen(SMTP_OUTGOING) && !mailSide(ctx) && !ctx.seen(MS_HTTPS_HOST)) || otherProvider(ctx);
/** A failure on the wire, or the user saying the network only lets a proxy out. */
export const networkFailure = (ctx: RuleContext) =>
  ctx.seen(READ_TIMED_OUT) ||
  ctx.seen(CONNECT_EXCEPTION) ||
  ctx.seen(UNKNOWN_HOST) ||
  ctx.said('proxy-only', 'port-blocked');
/** A timeout with nothing saying which connection it was: the umbrella case. */
export const undecided = (ctx: RuleContext) =>
  networkFailure(ctx) && !mailSide(ctx) && !ctx.seen(MS_HTTPS_HOST) && ctx.facts.protocol !== 'graph';
