import { AppError } from '../../core/errors.js';
import type { WebhookReceiver } from '../contract.js';
import { hmacMatches } from '../kit/signatures.js';
import { supportWebhookCommands } from '../kit/support/webhook-commands.js';
import type { ZendeskClients } from './clients.js';
import { ticketUrl } from './tickets.js';
import { solvedTicketOf, zendeskWebhookBody } from './webhook-payload.js';
import { zendeskSweepSchema } from './schemas.js';
import { jsonPayload } from '../kit/webhook-request.js';

/** Deliveries signed longer ago than this are refused as replays (Zendesk leaves the window to the receiver). */
const replayWindowMs = 5 * 60_000;

/**
 * `X-Zendesk-Webhook-Signature`: base64 HMAC-SHA256 of `X-Zendesk-Webhook-Signature-Timestamp` (ISO
 * 8601) followed by the raw body, checked before anything else; `X-Zendesk-Webhook-Invocation-Id`
 * deduplicates (Zendesk may fire one action more than once). A solved or closed ticket starts a run
 * of each project whose Zendesk trigger has `webhook: true`, once per solve.
 */
export function createZendeskWebhook(clients: ZendeskClients, now = Date.now): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody, replayOf }, projects) {
      const secret = await clients.webhookSecret(integrationId);
      if (!secret)
        throw new AppError(
          'unauthorized',
          `Zendesk integration ${integrationId} has no webhook signing secret: connect it again with "webhookSecret"`,
        );
      const timestamp = headers['x-zendesk-webhook-signature-timestamp'];
      const signedAt = timestamp ? Date.parse(timestamp) : NaN;
      const fresh =
        Number.isFinite(signedAt) && Math.abs((replayOf?.receivedAt.getTime() ?? now()) - signedAt) <= replayWindowMs;
      const payload = Buffer.concat([Buffer.from(timestamp ?? ''), rawBody]);
      if (
        !fresh ||
        !hmacMatches({ secret, payload, signature: headers['x-zendesk-webhook-signature'], encoding: 'base64' })
      ) {
        throw new AppError(
          'unauthorized',
          'X-Zendesk-Webhook-Signature is missing, does not match, or its timestamp is outside the 5-minute window: check the signing secret given to docflow',
        );
      }
      const id = headers['x-zendesk-webhook-invocation-id'];
      if (!id) throw new AppError('invalid_request', 'X-Zendesk-Webhook-Invocation-Id header is required');
      const json = jsonPayload(rawBody);
      const parsed = zendeskWebhookBody.safeParse(json);
      if (!parsed.success)
        throw new AppError(
          'invalid_request',
          'webhook body names no ticket: send {"ticket_id": "{{ticket.id}}", "status": "{{ticket.status}}", "updated_at": "{{ticket.updated_at_with_timestamp}}"} or subscribe to ticket status events',
        );
      const ticket = solvedTicketOf(parsed.data);
      const delivery = { id, event: 'ticket.solved' };
      if (ticket.status !== 'solved' && ticket.status !== 'closed') return { delivery, commands: [] };
      const url = ticketUrl(await clients.api(integrationId), ticket.id);
      const source = { type: 'zendesk', integrationId, tickets: [{ id: ticket.id, url }] };
      const commands = supportWebhookCommands(
        await projects(),
        { provider: 'zendesk', integrationId, sweepWindow: (t) => zendeskSweepSchema.parse(t.sweep).webhookWindow },
        {
          workflowKey: `zendesk:${integrationId}:ticket:${ticket.id}:${ticket.at ?? timestamp}`,
          source,
          trigger: 'zendesk.ticket_solved',
        },
      );
      return { delivery, commands };
    },
  };
}
