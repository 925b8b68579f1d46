import { jsonPayload, requiredHeaders, requireHmacHeader } from '../kit/webhook-request.js';
import type { WebhookReceiver } from '../contract.js';
import type { GitHubClients } from './clients.js';
import { planDocsPRClosed } from './docs-pr-event.js';
import { planGitHubEvent } from './plan-event.js';

/** `X-Hub-Signature-256` on the exact bytes, then `X-GitHub-Delivery` for deduplication. */
export function createGitHubWebhook(clients: GitHubClients): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody, connection }, projects) {
      const secret = await clients.webhookSecret(integrationId, connection);
      requireHmacHeader(
        secret,
        rawBody,
        headers['x-hub-signature-256'],
        'X-Hub-Signature-256 is missing or does not match: check that the webhook secret in GitHub is the one given to docflow',
      );
      const [id, event] = requiredHeaders(headers, ['x-github-delivery', 'x-github-event']) as [string, string];
      const payload = jsonPayload(rawBody);
      return {
        delivery: { id, event },
        commands: [
          ...planGitHubEvent(integrationId, event, payload, await projects()),
          ...(event === 'pull_request' ? planDocsPRClosed(integrationId, payload, await projects()) : []),
        ],
      };
    },
  };
}
