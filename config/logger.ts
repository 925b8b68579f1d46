import { createRequire } from 'node:module';
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
  ...secretFields,
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

/** `DOCFLOW_LOG_FORMAT`: `json` or `pretty` forces one; `auto` picks by where the logs go. */
export const logFormats = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof logFormats)[number];

/**
 * JSON lines for machines (production, a file, a pipe, a container's log driver); readable lines for a
 * person at a terminal running docflow outside production. A forced format wins.
 */
export function chooseLogFormat(setting: LogFormat, where: { production: boolean; isTTY: boolean }): 'json' | 'pretty' {
  if (setting !== 'auto') return setting;
  return !where.production && where.isTTY ? 'pretty' : 'json';
}

/** Where a logger of that format writes: stdout as JSON (pino's default), or through pino-pretty. */
export function logDestination(format: 'json' | 'pretty', stream: NodeJS.WritableStream = process.stdout) {
  if (format === 'json') return undefined;
  // Loaded only when asked for: JSON logging never pays for the pretty printer.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return pretty({
    destination: stream,
    sync: true,
    colorize: stream === process.stdout && process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
}

/** The logger of an entry point (`npm start`, `api`, `worker`): its level, and the format its stdout calls for. */
export function createProcessLogger(
  settings: { logLevel: string; logFormat: LogFormat; production: boolean },
  name = 'docflow',
): Logger {
  const format = chooseLogFormat(settings.logFormat, {
    production: settings.production,
    isTTY: process.stdout.isTTY === true,
  });
  return createLogger(settings.logLevel, name, logDestination(format));
}
