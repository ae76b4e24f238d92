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

export function createLogger(level = 'info') {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}

export type Logger = ReturnType<typeof createLogger>;
