import { createHmac } from 'node:crypto';

export const signingSecret = '8f742231b10e8888abcd99eeeeee85a5';

/** A request as Slack signs it: `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackHeaders(
  body: string,
  options: { secret?: string; timestamp?: number; contentType?: string } = {},
) {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', options.secret ?? signingSecret)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  return {
    'content-type': options.contentType ?? 'application/json',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signature,
  };
}

/** An interactivity post: a form with one `payload` field. */
export const interactionBody = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

let events = 0;
export function mentionEvent(channel: string, ts: string, text: string, threadTs?: string, type = 'app_mention') {
  return {
    token: 'unused',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${++events}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type, user: 'U0ALICE', text, ts, channel, event_ts: ts, ...(threadTs ? { thread_ts: threadTs } : {}) },
  };
}
