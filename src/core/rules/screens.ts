// The Jira and Entra screens the fixes send people to, named the same way everywhere.

export const APP_LINKS_SCREEN =
  '⚙ Administration > Applications > Application links (Jira 8.21 and older: ⚙ > System > OAuth 2.0)';
export const EMAIL_REQUESTS_SCREEN = 'Project settings > Email requests';
export const INCOMING_MAIL_SCREEN = '⚙ Administration > System > Incoming mail';
export const ENTRA_APP_SCREEN = 'Microsoft Entra admin center > App registrations > your app';

export const REAUTHORIZE_STEP = `In ${EMAIL_REQUESTS_SCREEN}, edit the channel, click Authorize and sign in as the mailbox account itself (a private browser window avoids a cached admin session), then run the connection test.`;
export const ENTRA_SECRETS_SCREEN = `${ENTRA_APP_SCREEN} > Certificates & secrets`;
export const ENTRA_AUTH_SCREEN = `${ENTRA_APP_SCREEN} > Authentication`;
export const ENTRA_PERMISSIONS_SCREEN = `${ENTRA_APP_SCREEN} > API permissions`;
export const ENTRA_OVERVIEW_SCREEN = `${ENTRA_APP_SCREEN} > Overview`;
export const ENTRA_SIGNIN_LOGS = 'the Entra sign-in logs';
export const ENTRA_ENTERPRISE_APP_SCREEN = 'Microsoft Entra admin center > Enterprise applications > your app';

/** Re-authorizing, for whichever handler the paste shows (both when it shows neither). */
export const REAUTHORIZE_ANY = `Re-authorize: in ${EMAIL_REQUESTS_SCREEN} (JSM) or ${INCOMING_MAIL_SCREEN} (Jira), edit the channel or mail server, click Authorize, sign in as the mailbox account itself (a private browser window avoids a cached session), then run the connection test.`;

/** The IMAP/POP route Atlassian supports for GCC High and DoD, where JSM's Graph protocol cannot work (Atlassian's scope KB). */
export const US_GOV_IMAP_STEPS = [
  `In ${APP_LINKS_SCREEN}, create a Microsoft application link with the Custom provider, authorization endpoint \`https://login.microsoftonline.us/<tenant-id>/oauth2/v2.0/authorize\` and token endpoint \`https://login.microsoftonline.us/<tenant-id>/oauth2/v2.0/token\`.`,
  'Give that link the scopes `https://outlook.office365.us/IMAP.AccessAsUser.All https://outlook.office365.us/POP.AccessAsUser.All offline_access`.',
  "Register the app in the Azure Government portal (portal.azure.us), add the delegated IMAP/POP permissions with admin consent, and add Jira's redirect URL (copied from the application link page) under the Web platform.",
  `In ${EMAIL_REQUESTS_SCREEN}, change the channel to IMAP with the new link, host outlook.office365.us for GCC High (not verified for DoD: confirm the host with your Exchange admin), then Authorize as the mailbox account and test.`,
];

/** Jira's outgoing mail server (Data Center). */
export const OUTGOING_MAIL_SCREEN = '⚙ Administration > System > Outgoing mail';

/** Exchange Online's per-mailbox switch for authenticated SMTP submission (it wins over the tenant's). */
export const SMTP_AUTH_ON_FOR_MAILBOX =
  "Exchange admin, in Exchange Online PowerShell: `Set-CASMailbox -Identity <sending mailbox> -SmtpClientAuthenticationDisabled $false` (or Microsoft 365 admin center > Users > Active users > the mailbox > Mail > Manage email apps > Authenticated SMTP). Do it for that one mailbox, not the whole tenant: the mailbox setting wins over the tenant's.";

/** Jira's outgoing mail server on OAuth 2.0 with Microsoft (Jira 9.2 and later). */
export const SMTP_OAUTH_STEPS = [
  `In ${APP_LINKS_SCREEN}, use a Microsoft application link (or create one) whose scopes are \`https://outlook.office.com/SMTP.Send offline_access\`, and in Entra add the delegated SMTP.Send permission with admin consent.`,
  `In ${OUTGOING_MAIL_SCREEN}, edit the SMTP server: host smtp.office365.com, port 587, TLS on, authentication OAuth 2.0 with that link; click Authorize and sign in as the sending mailbox itself.`,
  `Send a test email from ${OUTGOING_MAIL_SCREEN} > Send a test email, and check the mail queue (⚙ > System > Mail queue) empties.`,
];
