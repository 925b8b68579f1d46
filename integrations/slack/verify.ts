import { AppError } from '../../core/errors.js';
import { timestampedHmacMatches } from '../kit/signatures.js';

/**
 * `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:{timestamp}:{raw body}">`, refused outside a 5-minute window
 * around `now` (when the delivery was received).
 */
export function verifySlackRequest(
  secret: string,
  headers: Record<string, string | undefined>,
  rawBody: Buffer,
  now = Date.now(),
) {
  const matches = timestampedHmacMatches({
    secret,
    timestamp: headers['x-slack-request-timestamp'],
    signature: headers['x-slack-signature'],
    signedText: (timestamp) => Buffer.concat([Buffer.from(`v0:${timestamp}:`), rawBody]),
    prefix: 'v0=',
    toleranceSeconds: 300,
    now,
  });
  if (!matches)
    throw new AppError(
      'unauthorized',
      "X-Slack-Signature is missing, does not match or X-Slack-Request-Timestamp is more than 5 minutes off: check that the Slack app's signing secret is the one given to docflow",
    );
}

/** Events API bodies are JSON; interactivity bodies are a form with one `payload` field holding JSON. */
export function parseSlackBody(headers: Record<string, string | undefined>, rawBody: Buffer): unknown {
  const text = rawBody.toString('utf8');
  try {
    if ((headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      const payload = new URLSearchParams(text).get('payload');
      if (payload === null) throw new AppError('invalid_request', 'an interactivity form needs a "payload" field');
      return JSON.parse(payload);
    }
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_request', 'the Slack request body is not valid JSON');
  }
}
