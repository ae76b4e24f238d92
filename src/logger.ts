import { pino } from 'pino';

// Logs never carry pasted text: handlers log ids, sizes and outcomes only. These paths are cut as a second guard.
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  'text',
  'body',
  'token',
  'password',
  'secret',
];

/** `fd` 2 sends the log to stderr (a command whose stdout is its output). */
export function createLogger(level = 'info', fd: 1 | 2 = 1) {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return fd === 1 ? pino(options) : pino(options, pino.destination(2));
}

export type Logger = ReturnType<typeof createLogger>;

/** A URL's query or fragment can carry a token (tempauth=, access_token=, code=): logs keep only the path. */
export const withoutQuery = (text: string): string =>
  text.replace(/(\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s?#]{1,2000})[?#]\S*/gi, '$1?…');

/** What a log line may say about an error: its first line, with no URL query, and its code. */
export function errorInfo(err: unknown): { err: { message: string; code?: string } } {
  const e = err as { message?: unknown; code?: unknown };
  const message = withoutQuery(String(e?.message ?? err).split('\n')[0] ?? '').slice(0, 300);
  return { err: typeof e?.code === 'string' ? { message, code: e.code } : { message } };
}
