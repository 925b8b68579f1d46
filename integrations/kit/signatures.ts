import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Every webhook signature scheme docflow's providers use, each checked in constant time. A provider
 * picks one; only the algorithm, encoding and signed text differ between them.
 */

const sameText = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

const hmac = (
  algorithm: 'sha256' | 'sha1',
  secret: string | Buffer,
  text: Buffer | string,
  encoding: 'hex' | 'base64',
) => createHmac(algorithm, secret).update(text).digest(encoding);

/** A header such as `sha256=<hex>` holding the HMAC of the payload (GitHub, Bitbucket; SHA-1 for legacy hooks). */
export function hmacMatches(options: {
  secret: string;
  payload: Buffer | string;
  signature: string | undefined;
  algorithm?: 'sha256' | 'sha1';
  encoding?: 'hex' | 'base64';
  prefix?: string;
}): boolean {
  const { secret, payload, signature, algorithm = 'sha256', encoding = 'hex', prefix = '' } = options;
  if (!signature || !signature.startsWith(prefix)) return false;
  return sameText(signature, prefix + hmac(algorithm, secret, payload, encoding));
}

/** A plain shared token sent as a header (GitLab's `X-Gitlab-Token`). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  return given !== undefined && sameText(given, expected);
}

/** Whether a sender's timestamp (seconds) lies within `toleranceSeconds` of now: older deliveries are replays. */
export function withinReplayWindow(
  timestampSeconds: string | undefined,
  toleranceSeconds: number,
  now = Date.now(),
): boolean {
  if (!timestampSeconds || !/^\d{1,12}$/.test(timestampSeconds)) return false;
  return Math.abs(now / 1000 - Number(timestampSeconds)) <= toleranceSeconds;
}

/**
 * An HMAC over a text that includes the sender's timestamp, checked only inside the replay window
 * (Slack: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}`; Zendesk: base64 HMAC of `{timestamp}{body}`).
 */
export function timestampedHmacMatches(options: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  signedText: (timestamp: string) => Buffer | string;
  encoding?: 'hex' | 'base64';
  prefix?: string;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  const {
    secret,
    timestamp,
    signature,
    signedText,
    encoding = 'hex',
    prefix = '',
    toleranceSeconds = 300,
    now,
  } = options;
  if (!withinReplayWindow(timestamp, toleranceSeconds, now) || !signature?.startsWith(prefix)) return false;
  return sameText(signature, prefix + hmac('sha256', secret, signedText(timestamp!), encoding));
}

/**
 * Standard Webhooks (https://www.standardwebhooks.com, used by Webflow-style senders): base64
 * HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` with a `whsec_` base64 secret; the
 * `webhook-signature` header lists space-separated `v1,<signature>` entries, any of which may match.
 */
export function standardWebhookMatches(options: {
  secret: string;
  id: string | undefined;
  timestamp: string | undefined;
  signatures: string | undefined;
  body: Buffer;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  const { secret, id, timestamp, signatures, body, toleranceSeconds = 300, now } = options;
  if (!id || !signatures || !withinReplayWindow(timestamp, toleranceSeconds, now)) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = hmac('sha256', key, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), body]), 'base64');
  return signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .some((entry) => sameText(entry.slice(3), expected));
}
