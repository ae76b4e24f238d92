import type { Question } from '../types.js';

// The questions that settle an ambiguous "Invalid audience". Each answer is text the core reads like a paste,
// so a button in Slack or Teams simply re-runs the diagnosis with it appended.

export const SCOPES_QUESTION: Question = {
  id: 'app-link-scopes',
  text: 'Which scopes does the application link used by this mail channel have? (⚙ > Applications > Application links, edit the Microsoft link)',
  options: [
    {
      label: 'Mail.ReadWrite offline_access',
      answer: 'The application link scopes are: Mail.ReadWrite offline_access',
    },
    {
      label: 'https://graph.microsoft.com/Mail.ReadWrite …',
      answer:
        'The application link scopes are: https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/offline_access',
    },
    {
      label: 'https://outlook.office.com/IMAP… (IMAP/POP scopes)',
      answer:
        'The application link scopes are: https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access',
    },
  ],
};

export const CLOUD_QUESTION: Question = {
  id: 'tenant-cloud',
  text: "Which Microsoft 365 cloud is the mailbox's tenant in?",
  options: [
    { label: 'Worldwide (commercial)', answer: 'Our tenant is in the worldwide commercial cloud (non-GCC).' },
    { label: 'GCC', answer: 'Our tenant is plain GCC (Government Community Cloud, moderate).' },
    { label: 'GCC High', answer: 'Our tenant is in GCC High.' },
    { label: 'DoD', answer: 'Our tenant is in the DoD cloud.' },
    { label: 'China (21Vianet)', answer: 'Our tenant is in the 21Vianet (Azure China) cloud.' },
  ],
};

// Umbrella messages: each option is the deciding log line, so choosing it re-runs the diagnosis with that line.

export const CONNECTION_TEST_QUESTION: Question = {
  id: 'connection-test-aadsts',
  text: 'Which AADSTS code does atlassian-jira.log show at the time of the failed connection test? (search the log for "AADSTS")',
  options: [
    {
      label: 'AADSTS50194 (not a multitenant app)',
      answer: "AADSTS50194: Application isn't configured as a multitenant application.",
    },
    { label: 'AADSTS7000215 (invalid client secret)', answer: 'AADSTS7000215: Invalid client secret provided.' },
    {
      label: 'AADSTS700016 (application not found)',
      answer: 'AADSTS700016: Application with identifier was not found in the directory.',
    },
  ],
};

export const TOKEN_NOT_DEFINED_QUESTION: Question = {
  id: 'token-refresh-aadsts',
  text: 'Which AADSTS code follows "Refresh Token Failed" (or any AADSTS line) in atlassian-jira.log or atlassian-jira-incoming-mail.log?',
  options: [
    {
      label: 'AADSTS7000222 (secret expired)',
      answer: 'Refresh Token Failed. Reported Reason: AADSTS7000222: The provided client secret keys are expired.',
    },
    {
      label: 'AADSTS700082 (inactive)',
      answer: 'Refresh Token Failed. Reported Reason: AADSTS700082: The refresh token has expired due to inactivity.',
    },
    {
      label: 'AADSTS50173 (revoked)',
      answer:
        'Refresh Token Failed. Reported Reason: AADSTS50173: The provided grant has expired due to it being revoked.',
    },
    {
      label: 'AADSTS53003 (Conditional Access)',
      answer:
        'Refresh Token Failed. Reported Reason: AADSTS53003: Access has been blocked by Conditional Access policies.',
    },
    {
      label: 'AADSTS70043 (sign-in frequency)',
      answer:
        'Refresh Token Failed. Reported Reason: AADSTS70043: The refresh token has expired due to sign-in frequency checks.',
    },
  ],
};

export const IMAP_AUTH_QUESTION: Question = {
  id: 'imap-auth-setup',
  text: 'How does the mail handler sign in to Exchange Online, and with which scopes? (⚙ > Applications > Application links, edit the Microsoft link)',
  options: [
    {
      label: 'OAuth, scopes without https://outlook.office.com/',
      answer: 'The IMAP application link scopes are: IMAP.AccessAsUser.All POP.AccessAsUser.All offline_access',
    },
    {
      label: 'OAuth, scopes with https://outlook.office.com/',
      answer:
        'The IMAP application link scopes are: https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access',
    },
    {
      label: 'OAuth, for a shared mailbox',
      answer: 'The IMAP handler reads a shared mailbox, authorized by another user.',
    },
    {
      label: 'Username and password',
      answer: 'The IMAP handler signs in to outlook.office365.com with a username and password (basic authentication).',
    },
  ],
};

export const TIMEOUT_QUESTION: Question = {
  id: 'timeout-host',
  text: 'Which host and port does the timeout name? (the line before "Read timed out" in the log)',
  options: [
    {
      label: 'outlook.office365.com:993 or :995 (IMAP/POP)',
      answer: 'The timeout is on the IMAP connection to outlook.office365.com:993.',
    },
    {
      label: 'login.microsoftonline.com or graph.microsoft.com (HTTPS)',
      answer: 'The timeout is on the HTTPS connection to login.microsoftonline.com.',
    },
  ],
};
