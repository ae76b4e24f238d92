// The Jira and Entra screens the fixes send people to, named the same way everywhere.

export const APP_LINKS_SCREEN =
  '⚙ Administration > Applications > Application links (Jira 8.21 and older: ⚙ > System > OAuth 2.0)';
export const EMAIL_REQUESTS_SCREEN = 'Project settings > Email requests';
export const INCOMING_MAIL_SCREEN = '⚙ Administration > System > Incoming mail';
export const ENTRA_APP_SCREEN = 'Microsoft Entra admin center > App registrations > your app';

export const REAUTHORIZE_STEP = `In ${EMAIL_REQUESTS_SCREEN}, edit the channel, click Authorize and sign in as the mailbox account itself (a private browser window avoids a cached admin session), then run the connection test.`;
