import type { Link } from './types.js';

/** Every link the bot gives, in one place, so each URL is written once. */
export const LINKS = {
  seedKb: {
    title: 'Atlassian KB: JSM mail handler fails with the Microsoft Graph API',
    url: 'https://confluence.atlassian.com/jirakb/the-jsm-mail-handler-fails-to-be-configured-successfully-when-using-microsoft-graph-api-1283492161.html',
  },
  jsdserver14090: {
    title: 'JSDSERVER-14090: Graph API support for GCC High / DoD tenants (vote and watch)',
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
} satisfies Record<string, Link>;

export const aadstsLookup = (code: string): Link => ({
  title: `Microsoft's page for AADSTS${code}`,
  url: `https://login.microsoftonline.com/error?code=${code}`,
});
