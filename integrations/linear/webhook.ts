import { AppError } from '../../core/errors.js';
import type { WebhookReceiver } from '../contract.js';
import { hmacMatches } from '../kit/signatures.js';
import type { LinearClients } from './clients.js';
import { issueEvent, linearEnvelope, planIssueEvent } from './plan-event.js';
import { jsonPayload } from '../kit/webhook-request.js';

/** Linear signs `webhookTimestamp` with the body; a delivery sent longer ago than this is a replay. */
export const replayWindowMs = 60_000;

/**
 * `Linear-Signature`: hex HMAC-SHA256 of the raw body with the webhook's signing secret, checked before
 * anything else; then the signed `webhookTimestamp` must lie within a minute of now, and `Linear-Delivery`
 * deduplicates (Linear retries a failed delivery after a minute, an hour and six hours). `Issue` events
 * are planned against the projects' Linear triggers; every other model is acknowledged and ignored.
 */
export function createLinearWebhook(clients: LinearClients, now = Date.now): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody, replayOf }, projects) {
      const secret = await clients.webhookSecret(integrationId);
      if (!secret)
        throw new AppError(
          'unauthorized',
          `Linear integration ${integrationId} has no webhook signing secret: connect it again with "webhookSecret" (the secret Linear shows for the webhook)`,
        );
      if (!hmacMatches({ secret, payload: rawBody, signature: headers['linear-signature'] }))
        throw new AppError(
          'unauthorized',
          'Linear-Signature is missing or does not match: check that the webhook secret given to docflow is the signing secret Linear shows for this webhook',
        );
      const json = jsonPayload(rawBody);
      const envelope = linearEnvelope.safeParse(json);
      if (!envelope.success)
        throw new AppError(
          'invalid_request',
          'webhook body is not a Linear webhook: it needs "action", "type" and "webhookTimestamp"',
        );
      const age = (replayOf?.receivedAt.getTime() ?? now()) - envelope.data.webhookTimestamp;
      if (Math.abs(age) > replayWindowMs)
        throw new AppError(
          'unauthorized',
          `webhookTimestamp is ${Math.round(age / 1000)} s from now, outside Linear's 60-second window: a replayed or delayed delivery (check the server's clock)`,
        );
      const id = headers['linear-delivery'];
      if (!id) throw new AppError('invalid_request', 'Linear-Delivery header is required');
      const delivery = { id, event: `${envelope.data.type}.${envelope.data.action}` };
      if (envelope.data.type !== 'Issue') return { delivery, commands: [] };
      const parsed = issueEvent.safeParse(json);
      if (!parsed.success)
        throw new AppError(
          'invalid_request',
          'the Issue webhook body lacks what docflow reads',
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      return { delivery, commands: planIssueEvent(integrationId, parsed.data, await projects()) };
    },
  };
}
