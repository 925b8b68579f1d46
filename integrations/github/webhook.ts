import type { Request } from 'express';
import { AppError } from '../../core/errors.js';
import { hmacMatches } from '../kit/signatures.js';
import type { WebhookAdapter } from '../contract.js';
import type { GitHubClients } from './clients.js';
import { planGitHubEvent } from './plan-event.js';

export function createGitHubWebhook(clients: GitHubClients): WebhookAdapter {
  return {
    async verify(integrationId, req: Request, rawBody: Buffer) {
      const secret = await clients.webhookSecret(integrationId);
      if (!hmacMatches({ secret, payload: rawBody, signature: req.get('x-hub-signature-256'), prefix: 'sha256=' })) {
        throw new AppError('unauthorized', 'X-Hub-Signature-256 is missing or does not match: check that the webhook secret in GitHub is the one given to docflow');
      }
    },
    delivery(req) {
      const id = req.get('x-github-delivery');
      const event = req.get('x-github-event');
      if (!id || !event) throw new AppError('invalid_request', 'X-GitHub-Delivery and X-GitHub-Event headers are required');
      return { id, event };
    },
    async plan(integrationId, event, payload, projects) {
      return planGitHubEvent(integrationId, event, payload, projects);
    },
  };
}
