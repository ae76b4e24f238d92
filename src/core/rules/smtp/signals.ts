import {
  BASIC_AUTH_WORDS,
  EXCHANGE_ONLINE_WORDS,
  OTHER_PROVIDER,
  SMTP_OUTGOING,
  signature,
  XOAUTH2_USED,
} from '../../signatures.js';
import { microsoft365 } from '../imap/signals.js';
import type { RuleContext } from '../rule.js';

// Jira's outgoing mail server (and any client) sending through Microsoft 365 with SMTP submission: what the SMTP
// rules read, once. Exchange Online's own reply texts name the mechanism; the codes alone (5.7.3) need the words.

/** SMTP AUTH switched off for the tenant or the mailbox: Exchange names the setting. */
export const SMTP_AUTH_OFF = signature(
  'smtp-auth-off',
  /SmtpClientAuthentication is disabled for the (?:Tenant|Mailbox)|aka\.ms\/smtp_auth_disabled|SmtpClientAuthenticationDisabled\s{0,3}[:=]?\s{0,3}\$?True\b/i,
  ['smtpclientauthentication', 'smtp_auth_disabled'],
);

/** Password sign-in for client submission refused as such. */
export const SMTP_BASIC_OFF = signature(
  'smtp-basic-off',
  /5\.7\.139 Authentication unsuccessful, basic authentication is disabled|basic authentication is disabled|5\.7\.30 Basic authentication is not supported for Client Submission|Basic authentication is not supported for Client Submission/i,
  ['basic authentication is disabled', 'not supported for client submission'],
);

/** 5.7.139 for a sign-in that Conditional Access or security defaults stopped. */
export const SMTP_POLICY_BLOCK = signature(
  'smtp-policy-block',
  /5\.7\.139 Authentication unsuccessful, (?:the request did not meet the criteria|user is locked by your organization's security defaults|the user credentials were incorrect)/i,
  ['5.7.139'],
);

/** Exchange's generic refusal of the credentials (a password, or an OAuth token it did not accept). */
export const SMTP_535 = signature(
  'smtp-535-5-7-3',
  /\b535[ -]5\.7\.3\b|\b5\.7\.3 Authentication unsuccessful\b|\b535[ -]5\.7\.139\b/i,
  ['5.7.3', '5.7.139'],
);

/** The client did not sign in at all before sending. */
export const SMTP_NOT_AUTHENTICATED = signature(
  'smtp-not-authenticated',
  /\b5\.7\.57\b|Client (?:was )?not authenticated to send (?:anonymous )?mail/i,
  ['5.7.57', 'not authenticated to send'],
);

/** TLS and port: STARTTLS missing, an old TLS version, implicit TLS on 587, a mail port that is not SMTP's. */
export const SMTP_TLS = signature(
  'smtp-tls',
  /\b5\.7\.3 STARTTLS is required|STARTTLS is required to send mail|Must issue a STARTTLS command first|4\.7\.66 TLS 1\.[01]|TLS 1\.0 and 1\.1 are not supported|Could not convert socket to TLS|\bwrong version number\b|\bunknown protocol\b[^\n]{0,40}SSL|server does not support (?:STARTTLS|SSL)|No compatible authentication mechanism/i,
  [
    'starttls',
    '4.7.66',
    'tls 1.0 and 1.1',
    'convert socket to tls',
    'wrong version number',
    'unknown protocol',
    'does not support',
    'no compatible authentication',
  ],
);

/**
 * smtp.office365.com with a port SMTP submission does not use there. outlook.office365.com on 993, 995 or 443 is
 * IMAP, POP or HTTPS done right, so only its 465 counts.
 */
export const SMTP_WRONG_PORT = signature(
  'smtp-wrong-port',
  /smtp\.office365\.com["']?\s{0,3}[:,]?\s{0,3}(?:port\W{0,6})?(?:465|443|993|995)\b|outlook\.office365\.com["']?\s{0,3}[:,]?\s{0,3}(?:port\W{0,6})?465\b|\b(?:MAIL_)?PORT\W{0,6}(?:465|443)\b[^\n]{0,80}office365|office365[^\n]{0,120}\b(?:port|PORT)\W{0,6}(?:465|443)\b|\bport\s{0,3}:\s{0,3}(?:465|443),?\s{0,3}\n?[^\n]{0,40}secure\s{0,3}:\s{0,3}true/i,
  // Not 'port' alone: support@, Transport, report and import all hold it.
  ['office365', 'port:', 'port :'],
);

/** The account may not send as the From address. */
export const SEND_AS_DENIED = signature(
  'smtp-send-as-denied',
  /SendAsDenied|\b5\.7\.60\b|does not have permissions to send as this sender|not allowed to send as\b|\b5\.2\.252\b/i,
  ['sendasdenied', '5.7.60', 'send as this sender', 'not allowed to send as', '5.2.252'],
);

/** The client offers a password: SMTP's AUTH LOGIN or PLAIN, and the prompts that ask for one. */
export const SMTP_AUTH_PASSWORD = signature(
  'smtp-auth-password',
  /(?<!250[- ])\bAUTH (?:LOGIN|PLAIN)\b|Using mechanism (?:LOGIN|PLAIN)\b|\b334 (?:VXNlcm5hbWU6|UGFzc3dvcmQ6)\b/i,
  ['auth login', 'auth plain', 'using mechanism', 'vxnlcm5hbwu6', 'ugfzc3dvcmq6'],
);

/** The SMTP OAuth scope, as an application link or a client asks for it. */
export const SMTP_SEND_SCOPE = signature('smtp-send-scope', /\bSMTP\.Send(?:AsApp)?\b/i, ['smtp.send']);

/** Jira's own outgoing mail classes and screen. */
export const JIRA_OUTGOING = signature(
  'jira-outgoing',
  /SMTPMailServerImpl|com\.atlassian\.mail\.server\.impl\.SMTP|com\.atlassian\.mail\.queue|MailQueueImpl|Outgoing Mail\b|SingleMailQueueItem/i,
  ['smtpmailserver', 'com.atlassian.mail', 'mailqueue', 'outgoing mail', 'singlemailqueueitem'],
  // Jira's mail queue logs every minute whether mail fails or not: context, like a handler's name.
  { broad: true },
);

/** Any SMTP reply or setting that marks the text as sending mail. */
export const smtpInPlay = (ctx: RuleContext): boolean =>
  ctx.seen(SMTP_OUTGOING) ||
  ctx.seen(SMTP_AUTH_OFF) ||
  ctx.seen(SMTP_BASIC_OFF) ||
  ctx.seen(SMTP_NOT_AUTHENTICATED) ||
  ctx.seen(SEND_AS_DENIED) ||
  ctx.seen(JIRA_OUTGOING) ||
  ctx.said('outgoing-mail');

/**
 * The mail goes to Microsoft 365: its SMTP host, its reply texts or datacenter names, or the user's words; not a
 * mailbox at another provider.
 */
/** An SMTP server offering NTLM or Kerberos sign-in is an on-premises Exchange: Exchange Online offers LOGIN and XOAUTH2. */
export const ONPREM_SMTP_AUTH = signature('smtp-onprem-auth', /\b250[- ]AUTH\b[^\n]{0,60}\b(?:GSSAPI|NTLM)\b/i, [
  '250-auth',
  '250 auth',
]);
export const onPremisesSmtp = (ctx: RuleContext): boolean =>
  ctx.seen(ONPREM_SMTP_AUTH) && !ctx.facts.hosts.some((h) => /office365\.com$|outlook\.com$/.test(h));

export const toMicrosoft365 = (ctx: RuleContext): boolean =>
  !onPremisesSmtp(ctx) &&
  !(ctx.seen(OTHER_PROVIDER) && !ctx.facts.hosts.some((h) => /office365|outlook/.test(h))) &&
  (ctx.facts.hosts.some((h) => /^(?:smtp|outlook|smtp-legacy)\.office365\.com$|\.outlook\.com$/.test(h)) ||
    ctx.seen(SMTP_AUTH_OFF) ||
    ctx.seen(SMTP_BASIC_OFF) ||
    ctx.seen(SMTP_POLICY_BLOCK) ||
    ctx.seen(SEND_AS_DENIED) ||
    ctx.seen(EXCHANGE_ONLINE_WORDS) ||
    microsoft365(ctx));

/** A password in the client's settings (setPassword(…), password = …, "password": …). */
export const PASSWORD_CONFIGURED = signature(
  'smtp-password-configured',
  /\bset_?Password\s{0,3}\(|\bpass(?:word)?["']?\s{0,3}[:=]/i,
  ['setpassword', 'set_password', 'pass'],
);

/** The client signs in to SMTP with OAuth (XOAUTH2 or the SMTP.Send scope), not a password. */
export const smtpOauth = (ctx: RuleContext): boolean =>
  ctx.seen(XOAUTH2_USED) || ctx.seen(SMTP_SEND_SCOPE) || ctx.said('uses-oauth');

/** The password, told or configured: AUTH LOGIN/PLAIN, a password setting, an app password, the user's words. */
export const smtpPassword = (ctx: RuleContext): boolean =>
  !smtpOauth(ctx) &&
  (ctx.seen(SMTP_AUTH_PASSWORD) ||
    ctx.seen(BASIC_AUTH_WORDS) ||
    ctx.secrets.some((s) => s.kind === 'password') ||
    ctx.said('uses-password', 'basic-auth-off'));
