import express, { Router } from 'express';
import { isAppError, errorStatus } from '../../core/errors.js';
import type { ApiDeps } from '../deps.js';

/** `POST /webhooks/:provider/:integrationId`: raw body, so signatures are checked on the exact bytes. */
export function webhookRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/:provider/:integrationId',
    express.raw({ type: () => true, limit: '25mb' }),
    async (req, res) => {
      const provider = req.params.provider!;
      // Only providers docflow knows become a label: a path anyone can type must not grow the series.
      const label = deps.integrations.catalog.find(provider) ? provider : 'unknown';
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
      );
      try {
        const result = await deps.runs.receiveWebhook(provider, {
          integrationId: req.params.integrationId!,
          headers,
          rawBody: body,
          requestId: req.id,
          sourceIp: req.ip,
        });
        deps.metrics?.webhookDelivery(label, result.outcome);
        res.status(result.status).json(result.body);
      } catch (error) {
        const refused = isAppError(error) && errorStatus[error.code] < 500;
        deps.metrics?.webhookDelivery(label, refused ? 'refused' : 'failed');
        throw error;
      }
    },
  );
  return router;
}
