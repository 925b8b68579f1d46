import express, { Router } from 'express';
import type { ApiDeps } from '../deps.js';

/** `POST /webhooks/:provider/:integrationId`: raw body, so signatures are checked on the exact bytes. */
export function webhookRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/:provider/:integrationId',
    express.raw({ type: () => true, limit: '25mb' }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
      );
      const result = await deps.runs.receiveWebhook(req.params.provider!, {
        integrationId: req.params.integrationId!,
        headers,
        rawBody: body,
        requestId: req.id,
        sourceIp: req.ip,
      });
      res.status(result.status).json(result.body);
    },
  );
  return router;
}
