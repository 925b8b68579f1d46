import { createHash } from 'node:crypto';
import type { ProviderDeps, ReceivedWebhook, WebhookReceiver } from '../contract.js';
import type { SlackClients } from './clients.js';
import { blockActions, eventCallback, messageAction, urlVerification, viewSubmission } from './payloads.js';
import { planCardClick, planReasonSubmitted } from './review-clicks.js';
import {
  originOfEvent,
  placeOfAction,
  placeOfEvent,
  planThread,
  updateDocsCallbackId,
  type SlackOrigin,
} from './plan-event.js';
import { replyInThread } from './thread-reply.js';
import { parseSlackBody, verifySlackRequest } from './verify.js';

const ok = { status: 200, body: { ok: true } };
/** Interactivity wants an empty 200: a body would be read as a response action (and keep a modal open). */
const ack = { status: 200, body: undefined };

/**
 * The one URL a Slack app's Event Subscriptions and Interactivity point at. Verified before
 * anything else; deduplicated on `event_id` (so an `X-Slack-Retry-Num` retry starts nothing) or on
 * the interaction's `trigger_id`.
 */
export function createSlackWebhook(deps: ProviderDeps, clients: SlackClients): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody, replayOf }, projects): Promise<ReceivedWebhook> {
      const secret = await clients.signingSecret(integrationId);
      verifySlackRequest(secret, headers, rawBody, replayOf?.receivedAt.getTime());
      const body = parseSlackBody(headers, rawBody);

      const challenge = urlVerification.safeParse(body);
      if (challenge.success)
        return {
          delivery: { id: `url_verification:${challenge.data.challenge.slice(0, 100)}`, event: 'url_verification' },
          commands: [],
          reply: { status: 200, body: { challenge: challenge.data.challenge } },
        };

      const callback = eventCallback.safeParse(body);
      if (callback.success) {
        const { event, event_id: id } = callback.data;
        const delivery = { id, event: event.type };
        const origin = originOfEvent(event, await clients.botUserId(integrationId));
        if (!origin) return { delivery, commands: [] };
        const place = placeOfEvent(event);
        return {
          delivery,
          commands: planThread(integrationId, origin, place, await projects()),
          acknowledge: acknowledgeIn(deps, clients, integrationId, origin, place),
        };
      }

      const action = messageAction.safeParse(body);
      if (action.success) {
        const delivery = { id: `interaction:${action.data.trigger_id}`, event: 'message_action' };
        if (action.data.callback_id !== updateDocsCallbackId) return { delivery, commands: [], reply: ok };
        const place = placeOfAction(action.data);
        return {
          delivery,
          commands: planThread(integrationId, 'message_action', place, await projects()),
          acknowledge: acknowledgeIn(deps, clients, integrationId, 'message_action', place),
          reply: ok,
        };
      }

      const click = blockActions.safeParse(body);
      if (click.success) {
        const delivery = { id: `interaction:${click.data.trigger_id}`, event: 'block_actions' };
        // Planning a click answers the reviewer (a modal, a note): a decision of the past is not planned again.
        if (replayOf) return { delivery, commands: [], reply: ack };
        return { delivery, ...(await planCardClick(clients, integrationId, click.data, projects)), reply: ack };
      }

      const submitted = viewSubmission.safeParse(body);
      if (submitted.success) {
        const { view, user } = submitted.data;
        const delivery = { id: `interaction:view:${view.id}:${view.hash ?? ''}:${user.id}`, event: 'view_submission' };
        if (replayOf) return { delivery, commands: [], reply: ack };
        return {
          delivery,
          ...(await planReasonSubmitted(clients, integrationId, submitted.data, projects)),
          reply: ack,
        };
      }

      const type = (body as { type?: unknown } | null)?.type;
      return {
        delivery: {
          id: `unhandled:${createHash('sha256').update(rawBody).digest('hex')}`,
          event: typeof type === 'string' ? type : 'unknown',
        },
        commands: [],
        reply: ok,
      };
    },
  };
}

/** The thread hears at once that a run looks into it; a reply that only feeds a run says nothing. */
function acknowledgeIn(
  deps: ProviderDeps,
  clients: SlackClients,
  integrationId: string,
  origin: SlackOrigin,
  place: { channel: string; threadTs: string },
): ReceivedWebhook['acknowledge'] {
  if (origin === 'thread_reply') return undefined;
  return async (runs) => {
    const client = await clients.forIntegration(integrationId);
    for (const run of runs) {
      const link = `${deps.publicUrl.replace(/\/$/, '')}/runs/${run.runId}`;
      const text = run.created ? `Looking into it: <${link}|${run.runId}>` : `Added to the run: <${link}|${run.runId}>`;
      await replyInThread(client, place.channel, place.threadTs, text);
    }
  };
}
