import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout. Secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'rapport' },
    redact: {
      paths: ['password', '*.password', 'neo4jPassword', '*.neo4jPassword', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
