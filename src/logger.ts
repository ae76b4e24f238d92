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

const LEVEL_WORD: Record<number, string> = {
  60: 'fatal',
  50: 'error',
  40: 'warning',
  30: 'note',
  20: 'debug',
  10: 'trace',
};

/** One sentence per log record, for a person at a terminal: "mailhandler-doctor watch: warning: cannot read …". */
function sentences(fd: 1 | 2, prefix: string) {
  return {
    write(line: string) {
      const record = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
      const detail = record.err?.message && !record.msg?.includes(record.err.message) ? ` (${record.err.message})` : '';
      const text = `${prefix}: ${LEVEL_WORD[record.level] ?? 'note'}: ${record.msg ?? ''}${detail}\n`;
      (fd === 1 ? process.stdout : process.stderr).write(text);
    },
  };
}

/**
 * `fd` 2 sends the log to stderr (a command whose stdout is its output). `text` writes sentences instead of JSON
 * lines: the command line does so on a terminal (or with LOG_FORMAT=text), a service keeps JSON for its log shipper.
 */
export function createLogger(level = 'info', fd: 1 | 2 = 1, text?: { prefix: string }) {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (text) return pino(options, sentences(fd, text.prefix));
  return fd === 1 ? pino(options) : pino(options, pino.destination(2));
}

/** Sentences for a person (a terminal, or LOG_FORMAT=text), JSON lines for a machine (LOG_FORMAT=json). */
export function wantsText(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }): boolean {
  return env.LOG_FORMAT === 'text' || (env.LOG_FORMAT !== 'json' && stream.isTTY === true);
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
