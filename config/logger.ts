import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Anything that can carry a secret, wherever it sits in a log object. */
const secretFields = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'privateKey',
  'webhookSecret',
  'clientSecret',
  'secret',
  'password',
  'key',
];
export const redactPaths = [
  ...secretFields.map((f) => `*.${f}`),
  ...secretFields.map((f) => `*.headers.${f}`),
  ...secretFields.map((f) => `*.*.headers.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Signature and token headers, whatever a provider calls them (anything naming a signature, token or secret). */
const secretHeader = /signature|token|secret/i;

function redactHeaders(headers: unknown): unknown {
  if (!headers || typeof headers !== 'object') return headers;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, secretHeader.test(name) ? '[redacted]' : value]),
  );
}

export function createLogger(level: string, name = 'docflow', destination?: DestinationStream): Logger {
  return pino(
    { name, level, redact: { paths: redactPaths, censor: '[redacted]' }, serializers: { headers: redactHeaders } },
    destination,
  );
}
