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
