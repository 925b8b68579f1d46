import express, { Router } from 'express';
import type { ApiDeps } from '../deps.js';
import { handleWebhook } from '../../runs/handle-webhook.js';

/** `POST /webhooks/:provider/:integrationId`: raw body, so signatures are checked on the exact bytes. */
export function webhookRouter(deps: ApiDeps): Router {
  const router = Router();
  router.post('/webhooks/:provider/:integrationId', express.raw({ type: () => true, limit: '25mb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = await handleWebhook(deps, req.params.provider!, req.params.integrationId!, req, body);
    res.status(result.status).json(result.body);
  });
  return router;
}
