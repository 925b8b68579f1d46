import type { WebhookReceiver } from '../contract.js';
import { jsonPayload, requiredHeaders, requireHmacHeader } from '../kit/webhook-request.js';
import { isStatus, repoPath } from './api.js';
import type { BitbucketClients } from './clients.js';
import { pinCommandHashes } from './pin-hashes.js';
import { deliveryKey, planBitbucketEvent } from './plan-event.js';

const badSignature =
  'X-Hub-Signature is missing or does not match: give the Bitbucket webhook the secret given to docflow';

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
      requireHmacHeader(await clients.webhookSecret(integrationId), rawBody, headers['x-hub-signature'], badSignature);
      const [requestUuid, eventKey] = requiredHeaders(headers, ['x-request-uuid', 'x-event-key']) as [string, string];
      const payload = jsonPayload(rawBody);
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
