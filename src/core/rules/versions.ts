import type { RuleContext } from './rule.js';

// Where Jira releases differ, a fix says which applies, from the version the log shows or the user states.

/** "Jira 9.12" or "Jira Cloud"; null when the text does not say. */
export function releaseName(ctx: RuleContext): string | null {
  const jira = ctx.facts.jira;
  if (!jira) return null;
  if (jira.platform === 'cloud') return 'Jira Cloud';
  return jira.major !== undefined ? `Jira ${jira.major}.${jira.minor ?? 0}` : null;
}

/** True when the text shows a Data Center release older than major.minor; false when newer or unknown. */
export function olderThan(ctx: RuleContext, major: number, minor: number): boolean {
  const jira = ctx.facts.jira;
  if (jira?.platform !== 'data-center' || jira.major === undefined) return false;
  return jira.major < major || (jira.major === major && (jira.minor ?? 0) < minor);
}

export const onCloud = (ctx: RuleContext): boolean => ctx.facts.jira?.platform === 'cloud';

/** Jira Data Center reads Graph with client credentials from 9.17; older releases have only the delegated link. */
export function clientCredentialsStep(ctx: RuleContext): string | null {
  if (onCloud(ctx))
    return 'On Jira Cloud there is no application link to edit: in JSM, Project settings > Channels & self service > Email requests, remove the Microsoft account and add it again (Add external email > Microsoft), signing in as the mailbox.';
  if (olderThan(ctx, 9, 17))
    return `${releaseName(ctx)} has no client-credentials (app-only) option: that arrived in Jira 9.17. Use a delegated application link (Authorize as the mailbox), or upgrade first.`;
  return null;
}

/** Jira's outgoing mail server speaks OAuth 2.0 to Microsoft from 9.2. */
export function smtpOauthStep(ctx: RuleContext): string | null {
  if (onCloud(ctx))
    return "On Jira Cloud, notifications go out through Atlassian unless a custom email address is connected: reconnect that address with Microsoft (OAuth) in the project's email settings.";
  if (olderThan(ctx, 9, 2))
    return `${releaseName(ctx)} cannot sign in to SMTP with OAuth 2.0 (Jira 9.2 and later can): upgrade, or as a stopgap keep SMTP AUTH with a password allowed for that one mailbox while Microsoft still permits it.`;
  return null;
}
