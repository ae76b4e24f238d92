import type { Diagnosis } from '../core/types.js';

// Rules both chat adapters follow, kept in one place so Slack and Teams behave alike.

/** Support channels only hear from the bot about a known problem it is sure of; anything less stays quiet. */
export const shouldAutoReply = (d: Diagnosis): boolean =>
  d.findings.some((f) => f.confidence === 'confirmed' || f.confidence === 'likely');

/**
 * What an unasked answer in a support channel shows: only the confirmed and likely findings, without questions or
 * notes, so the bot never guesses in front of a team. Whoever wants the rest asks the bot directly.
 */
export const autoReplyView = (d: Diagnosis): Diagnosis => ({
  ...d,
  findings: d.findings.filter((f) => f.confidence !== 'possible'),
  questions: [],
  notes: [],
});

/** Log files we read: .log/.txt/.out and rotated logs (atlassian-jira.log.1), gzipped or not. */
const LOG_FILE_NAME = /\.(?:log|txt|out)(?:\.\d{1,4})?(?:\.gz)?$|\.gz$/i;
export const isLogFileName = (name: string): boolean => LOG_FILE_NAME.test(name);

/** How long a redacted paste is kept so that its question buttons can re-run the diagnosis. */
export const PASTE_TTL_MS = 24 * 60 * 60 * 1000;
