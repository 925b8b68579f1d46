import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'docflow'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.token', '*.apiKey'],
      censor: '[redacted]',
    },
  });
}
