import { AppError } from '../../core/errors.js';
import type { WebhookReceiver } from '../contract.js';
import { jsonPayload } from '../kit/webhook-request.js';
import { standardWebhookMatches, tokenMatches } from '../kit/signatures.js';
import type { GitLabClients } from './clients.js';
import { pinCommandRevisions } from './pin-revisions.js';
import { planGitLabEvent } from './plan-event.js';

const badToken = 'X-Gitlab-Token is missing or wrong: give the GitLab webhook the secret token given to docflow';
const badSignature =
  'webhook-signature is missing, stale or does not match: give the GitLab webhook the signing token given to docflow';

/** Deliveries older (or newer) than this are replays. */
const replayWindowSeconds = 300;

const events = new Set(['Merge Request Hook', 'Push Hook']);

/**
 * `X-Gitlab-Token` (the secret itself) compared in constant time; with a signing token, also the Standard
 * Webhooks signature inside the replay window. Deliveries are deduplicated on `Idempotency-Key` (the same
 * on GitLab's retries), or `X-Gitlab-Event-UUID` from GitLab before 17.4.
 */
export function createGitLabWebhook(clients: GitLabClients): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody, replayOf }, projects) {
      const { webhookSecret, signingToken } = await clients.webhookSecrets(integrationId);
      if (!tokenMatches(webhookSecret, headers['x-gitlab-token'])) throw new AppError('unauthorized', badToken);
      if (
        signingToken &&
        !standardWebhookMatches({
          secret: signingToken,
          id: headers['webhook-id'],
          timestamp: headers['webhook-timestamp'],
          signatures: headers['webhook-signature'],
          body: rawBody,
          toleranceSeconds: replayWindowSeconds,
          now: replayOf?.receivedAt.getTime(),
        })
      )
        throw new AppError('unauthorized', badSignature);
      const event = headers['x-gitlab-event'];
      const id = headers['idempotency-key'] || headers['x-gitlab-event-uuid'];
      if (!event || !id)
        throw new AppError(
          'invalid_request',
          'X-Gitlab-Event and Idempotency-Key (or X-Gitlab-Event-UUID) headers are required',
        );
      const payload = jsonPayload(rawBody);
      const delivery = { id, event };
      if (!events.has(event)) return { delivery, commands: [] };
      const planned = planGitLabEvent(integrationId, payload, await projects());
      return { delivery, commands: await pinCommandRevisions(() => clients.api(integrationId), planned) };
    },
  };
}
