import { AppError } from '../../core/errors.js';
import { hmacMatches } from '../kit/signatures.js';
import type { WebhookReceiver } from '../contract.js';
import type { GitHubClients } from './clients.js';
import { planGitHubEvent } from './plan-event.js';

/** `X-Hub-Signature-256` on the exact bytes, then `X-GitHub-Delivery` for deduplication. */
export function createGitHubWebhook(clients: GitHubClients): WebhookReceiver {
  return {
    async receive({ integrationId, headers, rawBody }, projects) {
      const secret = await clients.webhookSecret(integrationId);
      if (!hmacMatches({ secret, payload: rawBody, signature: headers['x-hub-signature-256'], prefix: 'sha256=' })) {
        throw new AppError(
          'unauthorized',
          'X-Hub-Signature-256 is missing or does not match: check that the webhook secret in GitHub is the one given to docflow',
        );
      }
      const id = headers['x-github-delivery'];
      const event = headers['x-github-event'];
      if (!id || !event)
        throw new AppError('invalid_request', 'X-GitHub-Delivery and X-GitHub-Event headers are required');
      let payload: unknown;
      try {
        payload = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new AppError('invalid_request', 'webhook body is not valid JSON');
      }
      return {
        delivery: { id, event },
        commands: await planGitHubEvent(integrationId, event, payload, await projects()),
      };
    },
  };
}
