import type { Link } from './types.js';

/** Every link the bot gives, in one place, so each URL is written once. */
export const LINKS = {
  seedKb: {
    title: 'Atlassian KB: JSM mail handler fails with the Microsoft Graph API',
    url: 'https://confluence.atlassian.com/jirakb/the-jsm-mail-handler-fails-to-be-configured-successfully-when-using-microsoft-graph-api-1283492161.html',
  },
  jsdserver14090: {
    title: "JSDSERVER-14090: Atlassian's feature request behind this limit (vote and watch)",
    url: 'https://jira.atlassian.com/browse/JSDSERVER-14090',
  },
  msGraphDeployments: {
    title: 'Microsoft: national cloud deployments of Microsoft Graph',
    url: 'https://learn.microsoft.com/graph/deployments',
  },
  msNationalCloudsSdk: {
    title: 'Microsoft: Graph in national clouds (app registration and scopes)',
    url: 'https://learn.microsoft.com/graph/sdks/national-clouds',
  },
  msResolveAuthErrors: {
    title: 'Microsoft: resolve Graph authorization errors',
    url: 'https://learn.microsoft.com/graph/resolve-auth-errors',
  },
  atlassianScopeKb: {
    title: 'Atlassian KB: resolve OAuth 2.0 scope issues for Jira mail handlers',
    url: 'https://support.atlassian.com/jira/kb/resolve-oauth-2-0-scope-issues-for-jira-mail-handlers-in-data-center/',
  },
  atlassianDetailedSteps: {
    title: 'Atlassian KB: configure OAuth 2.0 integration with Microsoft Azure, step by step',
    url: 'https://support.atlassian.com/jira/kb/detailed-steps-to-configure-oauth-20-integration-with-microsoft-azure',
  },
  msImapOauth: {
    title: 'Microsoft: authenticate IMAP/POP with OAuth',
    url: 'https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth',
  },
  msErrorCodes: {
    title: 'Microsoft Entra authentication error codes',
    url: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
  atlassianConnectionTestKb: {
    title: 'Atlassian KB: OAuth 2.0 connection test fails with "Check the application logs"',
    url: 'https://confluence.atlassian.com/jirakb/the-connection-test-of-the-oauth-2-0-integration-fails-with-the-error-the-connection-has-failed-check-the-application-logs-for-details-1096094146.html',
  },
  atlassianSecretExpiredKb: {
    title: 'Atlassian KB: mail handler stops because the client secret keys are expired',
    url: 'https://support.atlassian.com/jira/kb/the-jira-or-jsm-mail-handler-stops-processing-new-incoming-emails-due-to-the-error-the-provided-client-secret-keys-for-app-xxxxxxxx-are-expired/',
  },
  atlassianOauthCannotConfigureKb: {
    title: 'Atlassian KB: mail handlers cannot be configured using OAuth 2.0',
    url: 'https://confluence.atlassian.com/jirakb/jira-mail-handlers-or-service-management-mail-handlers-cannot-be-configured-using-oauth-2-0-the-authorization-or-connection-test-fails-1095250181.html',
  },
  atlassianImapUserKb: {
    title: 'Atlassian KB: fixing IMAP and user errors with OAuth 2.0',
    url: 'https://support.atlassian.com/jira/kb/fixing-imap-and-user-error-with-oauth-2-0-and-jira-data-center/',
  },
  atlassianImapAuthenticateFailedKb: {
    title: 'Atlassian KB: IMAP setup fails with AUTHENTICATE failed when using OAuth',
    url: 'https://support.atlassian.com/jira/kb/imap-setup-fails-with-authenticate-failed-error-in-logs-in-jira-server-when-using-oauth/',
  },
  atlassianImapThrottledKb: {
    title: 'Atlassian KB: "A3 BAD Request is throttled" with Office 365',
    url: 'https://ja.confluence.atlassian.com/jirakb/a3-bad-request-is-throttled-suggested-backoff-time-when-using-jira-with-office365-956708295.html',
  },
  atlassianProxyKb: {
    title: 'Atlassian KB: configure an outbound proxy for Jira',
    url: 'https://confluence.atlassian.com/jirakb/configure-an-outbound-proxy-for-use-in-jira-server-247857187.html',
  },
  atlassianSslDoc: {
    title: 'Atlassian: connecting to SSL services',
    url: 'https://confluence.atlassian.com/adminjiraserver0816/connecting-to-ssl-services-1063165093.html',
  },
  msRefreshTokens: {
    title: 'Microsoft: refresh tokens (lifetime and revocation)',
    url: 'https://learn.microsoft.com/entra/identity-platform/refresh-tokens',
  },
  msGraphThrottling: {
    title: 'Microsoft: Graph throttling limits (Outlook service)',
    url: 'https://learn.microsoft.com/graph/throttling-limits',
  },
  msLimitMailboxAccess: {
    title: 'Microsoft: limit application access to mailboxes (handling API errors)',
    url: 'https://learn.microsoft.com/graph/auth-limit-mailbox-access',
  },
  msRestNotSupported: {
    title: 'Microsoft: "REST API is not yet supported for this mailbox"',
    url: 'https://learn.microsoft.com/exchange/troubleshoot/user-and-shared-mailboxes/rest-api-is-not-yet-supported-for-this-mailbox-error',
  },
  msBasicAuthDeprecation: {
    title: 'Microsoft: deprecation of Basic authentication in Exchange Online',
    url: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online',
  },
  msGraphAppOnly: {
    title: 'Microsoft: get access to Graph without a user (app-only tokens)',
    url: 'https://learn.microsoft.com/graph/auth-v2-service',
  },
  msEwsOauth: {
    title: 'Microsoft: authenticate an EWS application by using OAuth',
    url: 'https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth',
  },
} satisfies Record<string, Link>;

export const aadstsLookup = (code: string): Link => ({
  title: `Microsoft's page for AADSTS${code}`,
  url: `https://login.microsoftonline.com/error?code=${code}`,
});
