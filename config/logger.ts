import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Anything that can carry a secret, wherever it sits in a log object. */
const secretFields = ['authorization', 'cookie', 'set-cookie', 'x-hub-signature-256', 'x-hub-signature', 'x-slack-signature', 'token', 'accessToken', 'refreshToken', 'apiKey', 'privateKey', 'webhookSecret', 'clientSecret', 'secret', 'password', 'key'];
export const redactPaths = [
  ...secretFields.map((f) => `*.${f}`),
  ...secretFields.map((f) => `*.headers.${f}`),
  ...secretFields.map((f) => `*.*.headers.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, name = 'docflow', destination?: DestinationStream): Logger {
  return pino({ name, level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}
