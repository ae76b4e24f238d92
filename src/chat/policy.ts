import type { Diagnosis } from '../core/types.js';

// Rules both chat adapters follow, kept in one place so Slack and Teams behave alike.

/** Support channels only hear from the bot about a known problem it is sure of; anything less stays quiet. */
export const shouldAutoReply = (d: Diagnosis): boolean =>
  d.findings.some((f) => f.confidence === 'confirmed' || f.confidence === 'likely');

/** Log files we read: .log/.txt/.out and rotated logs (atlassian-jira.log.1), gzipped or not. */
const LOG_FILE_NAME = /\.(?:log|txt|out)(?:\.\d{1,4})?(?:\.gz)?$|\.gz$/i;
export const isLogFileName = (name: string): boolean => LOG_FILE_NAME.test(name);
