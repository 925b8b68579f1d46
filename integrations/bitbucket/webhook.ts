import { AppError } from '../../core/errors.js';
import type { WebhookReceiver } from '../contract.js';
import { hmacMatches } from '../kit/signatures.js';
import { isStatus, repoPath } from './api.js';
import type { BitbucketClients } from './clients.js';
import { pinCommandHashes } from './pin-hashes.js';
import { deliveryKey, planBitbucketEvent } from './plan-event.js';

const events = new Set([
  'pullrequest:created',
  'pullrequest:updated',
  'pullrequest:approved',
  'pullrequest:fulfilled',
  'pullrequest:rejected',
  'repo:push',
]);

/** `X-Hub-Signature` (sha256= HMAC of the exact bytes) first; a hook without a secret sends none and is refused. */
export function createBitbucketWebhook(clients: BitbucketClients): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody }, projects) {
      const secret = await clients.webhookSecret(integrationId);
      if (!hmacMatches({ secret, payload: rawBody, signature: headers['x-hub-signature'], prefix: 'sha256=' })) {
        throw new AppError(
          'unauthorized',
          'X-Hub-Signature is missing or does not match: give the Bitbucket webhook the secret given to docflow',
        );
      }
      const requestUuid = headers['x-request-uuid'];
      const eventKey = headers['x-event-key'];
      if (!requestUuid || !eventKey)
        throw new AppError('invalid_request', 'X-Request-UUID and X-Event-Key headers are required');
      let payload: unknown;
      try {
        payload = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new AppError('invalid_request', 'webhook body is not valid JSON');
      }
      const delivery = { id: deliveryKey(eventKey, requestUuid, payload), event: eventKey };
      if (!events.has(eventKey)) return { delivery, commands: [] };
      const mainBranchOf = async (repo: string) => {
        try {
          const api = await clients.api(integrationId);
          return (await api.get<{ mainbranch?: { name: string } }>(repoPath(repo))).mainbranch?.name;
        } catch (error) {
          if (isStatus(error, 403, 404)) return undefined;
          throw error;
        }
      };
      const planned = await planBitbucketEvent(integrationId, eventKey, payload, await projects(), mainBranchOf);
      return { delivery, commands: await pinCommandHashes(() => clients.api(integrationId), planned) };
    },
  };
}
