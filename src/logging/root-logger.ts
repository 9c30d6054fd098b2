import pino, { type Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log line. Secrets never reach
 * the logs: credentials in headers, cookies, form bodies and token fields.
 */
const SECRET_FIELDS = [
  'password',
  'client_secret',
  'secret',
  'token',
  'access_token',
  'refresh_token',
  'code',
];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
];

/** The process-wide structured JSON logger (one line per event on stdout). */
export function createRootLogger(level: string = 'info'): Logger {
  return pino({
    level,
    base: { service: 'mas-ts' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
