import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { WebhookReceiver } from '../contract.js';
import { hmacMatches } from '../kit/signatures.js';
import { supportWebhookCommands } from '../kit/support/webhook-commands.js';
import type { IntercomClients } from './clients.js';
import { conversationUrl } from './links.js';
import { intercomSweepSchema } from './schemas.js';
import { jsonPayload } from '../kit/webhook-request.js';

/** The notification docflow understands: a topic, an id to deduplicate on, and the conversation it is about. */
const notificationSchema = z.object({
  type: z.literal('notification_event').optional(),
  id: z.string().min(1),
  topic: z.string().min(1),
  app_id: z.string().optional(),
  created_at: z.number().optional(),
  data: z
    .object({
      item: z
        .object({
          type: z.string().optional(),
          id: z.union([z.string().regex(/^\d{1,24}$/), z.number().int().positive().transform(String)]).optional(),
          updated_at: z.number().optional(),
        })
        .passthrough(),
    })
    .optional(),
});

export const closedTopic = 'conversation.admin.closed';

/**
 * `X-Hub-Signature`: `sha1=` and the hex HMAC-SHA1 of the raw body with the app's client secret, checked before
 * anything else; the notification's `id` deduplicates (Intercom retries a delivery it thinks failed). A closed
 * conversation joins the grouping window of each project whose Intercom trigger has a sweep and `webhook: true`,
 * or starts a run of its own where there is no sweep. `ping` (sent when the webhook is saved) is answered 200.
 */
export function createIntercomWebhook(clients: IntercomClients): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody }, projects) {
      const secret = await clients.clientSecret(integrationId);
      if (!secret)
        throw new AppError(
          'unauthorized',
          `Intercom integration ${integrationId} has no client secret to check webhook signatures with: connect it again with "clientSecret"`,
        );
      if (
        !hmacMatches({
          secret,
          payload: rawBody,
          signature: headers['x-hub-signature'],
          algorithm: 'sha1',
          prefix: 'sha1=',
        })
      )
        throw new AppError(
          'unauthorized',
          "X-Hub-Signature is missing or does not match: check the client secret given to docflow (the app's Basic information page in the Developer Hub)",
        );
      const json = jsonPayload(rawBody);
      const parsed = notificationSchema.safeParse(json);
      if (!parsed.success)
        throw new AppError(
          'invalid_request',
          'webhook body is not an Intercom notification (it needs "id" and "topic")',
        );
      const notification = parsed.data;
      const delivery = { id: notification.id, event: notification.topic };
      if (notification.topic !== closedTopic) return { delivery, commands: [] };
      const item = notification.data?.item;
      if (item?.type !== 'conversation' || !item.id)
        throw new AppError('invalid_request', `a ${closedTopic} notification must name the conversation in data.item`);
      const w = await clients.workspace(integrationId);
      // An app's webhook hears every workspace that installed it: only this connection's workspace is its business.
      if (notification.app_id && notification.app_id !== w.settings.appId) return { delivery, commands: [] };
      const conversationId = item.id;
      const source = {
        type: 'intercom',
        integrationId,
        conversations: [{ id: conversationId, url: conversationUrl(w.settings, conversationId) }],
      };
      const commands = supportWebhookCommands(
        await projects(),
        {
          provider: 'intercom',
          integrationId,
          sweepWindow: (t) => intercomSweepSchema.parse(t.sweep).webhookWindow,
        },
        {
          workflowKey: `intercom:${integrationId}:conversation:${conversationId}:${item.updated_at ?? notification.created_at ?? notification.id}`,
          source,
          trigger: 'intercom.conversation_closed',
        },
      );
      return { delivery, commands };
    },
  };
}
