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
  atlassianClientCredentialsKb: {
    title: 'Atlassian KB: Azure mail through Graph with client credentials (application permissions), Jira 9.17+',
    url: 'https://support.atlassian.com/jira/kb/how-to-setup-azure-mail-using-graph-api-with-client-credentials-application-permissions-in-jira-data-center/',
  },
  atlassianOutgoingLink: {
    title: 'Atlassian: configure an outgoing application link (grant type, provider, scopes)',
    url: 'https://confluence.atlassian.com/display/ADMINJIRASERVER/Configure+an+outgoing+link',
  },
  atlassianSmtpServer: {
    title: 'Atlassian: configure the SMTP mail server Jira sends notifications with (OAuth 2.0 from Jira 9.2)',
    url: 'https://confluence.atlassian.com/adminjiraserver0815/configuring-an-smtp-mail-server-to-send-notifications-1050547226.html',
  },
  atlassianJsmCloudRateLimitKb: {
    title: 'Atlassian KB: email request failures from a rate limit in JSM Cloud',
    url: 'https://support.atlassian.com/jira/kb/email-requests-failing-due-to-rate-limiting-and-access-token-retrieval/',
  },
  msRbacApplications: {
    title: 'Microsoft: RBAC for Applications in Exchange Online (replaces Application Access Policies)',
    url: 'https://learn.microsoft.com/exchange/permissions-exo/application-rbac',
  },
  msTestServicePrincipalAuthorization: {
    title: "Microsoft: Test-ServicePrincipalAuthorization (is the mailbox in the app's scope?)",
    url: 'https://learn.microsoft.com/powershell/module/exchange/test-serviceprincipalauthorization',
  },
  msNewApplicationAccessPolicy: {
    title: 'Microsoft: New-ApplicationAccessPolicy ("Don\'t create new App Access Policies")',
    url: 'https://learn.microsoft.com/powershell/module/exchangepowershell/new-applicationaccesspolicy',
  },
  msSmtpAuth: {
    title: 'Microsoft: enable or disable SMTP AUTH in Exchange Online',
    url: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
  },
  msSmtpBasicAuthTimeline: {
    title: 'Microsoft Exchange blog: SMTP AUTH basic authentication off by default from December 2026',
    url: 'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835',
  },
  msSmtpDevices: {
    title: 'Microsoft: fix applications that send mail through Microsoft 365 (port 587, TLS 1.2, 5.7.57, 5.7.60)',
    url: 'https://learn.microsoft.com/exchange/mail-flow-best-practices/fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off',
  },
  msSmtpLegacyTls: {
    title: 'Microsoft: SMTP AUTH clients and TLS 1.2 (421 4.7.66)',
    url: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/opt-in-exchange-online-endpoint-for-legacy-tls-using-smtp-auth',
  },
  msEwsDeprecation: {
    title: 'Microsoft: EWS in Exchange Online is retired (blocked from October 2026, off on 1 April 2027)',
    url: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-ews-exchange-online',
  },
  msEwsBlog: {
    title: 'Microsoft Exchange blog: Exchange Online EWS, your time is almost up',
    url: 'https://techcommunity.microsoft.com/blog/exchange/exchange-online-ews-your-time-is-almost-up/4492361',
  },
  msAppManagementPolicies: {
    title: 'Microsoft: app management policies (limits on client secrets)',
    url: 'https://learn.microsoft.com/graph/api/resources/applicationauthenticationmethodpolicy',
  },
  msCertificateCredentials: {
    title: 'Microsoft: certificate credentials and client assertions',
    url: 'https://learn.microsoft.com/entra/identity-platform/certificate-credentials',
  },
  msDisableAppSignIn: {
    title: 'Microsoft: an enterprise application enabled or disabled for sign-in',
    url: 'https://learn.microsoft.com/entra/identity/enterprise-apps/disable-user-sign-in-portal',
  },
  msGraphUser: {
    title: 'Microsoft Graph: get a user (the mailbox must exist in the tenant)',
    url: 'https://learn.microsoft.com/graph/api/user-get',
  },
} satisfies Record<string, Link>;

export const aadstsLookup = (code: string): Link => ({
  title: `Microsoft's page for AADSTS${code}`,
  url: `https://login.microsoftonline.com/error?code=${code}`,
});
