import { Router } from 'express';
import { z } from 'zod';
import { beginConnect, completeConnect } from '../../connections/oauth-flow.js';
import { auditRequest } from '../audit-request.js';
import { connectionsOf, type ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const connectQuery = z
  .record(z.string(), z.string())
  .describe('The fields the provider needs (a subdomain, say), or `integrationId` of a connection to install (an App)');

/** `GET /v1/integrations/:provider/connect` (admin): to the provider's consent or install page, with a sealed, expiring state. */
export function oauthConnectRoutes(deps: ApiDeps) {
  return [
    defineRoute<undefined, z.infer<typeof connectQuery>>({
      method: 'get',
      path: '/v1/integrations/:provider/connect',
      tag: 'integrations',
      role: 'admin',
      summary:
        "Start connecting a provider: redirects (302) to its consent page (OAuth 2.0 with PKCE where supported) or its own install page (an App connection's installation)",
      query: connectQuery,
      responses: {
        302: { description: 'Redirect to the provider', schema: z.object({ authorizeUrl: z.string() }) },
        404: { description: 'Unknown provider', schema: errorSchema },
        501: { description: 'No OAuth app configured for the provider', schema: errorSchema },
      },
      async handle({ params, query, actor, res }) {
        const url = await beginConnect(connectionsOf(deps), params.provider!, query, actor.id);
        res.set('location', url);
        return { status: 302, body: { authorizeUrl: url } };
      },
    }),
  ];
}

/** `GET /oauth/:provider/callback`: authenticated by the sealed state, not by an API key. */
export function oauthCallbackRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/oauth/:provider/callback', async (req, res) => {
    const provider = req.params.provider!;
    const query = Object.fromEntries(
      Object.entries(req.query).map(([key, value]) => [key, typeof value === 'string' ? value : undefined]),
    );
    const outcome = await completeConnect(connectionsOf(deps), provider, query);
    if (outcome.kind === 'installed') {
      await auditRequest(
        deps.db,
        req,
        outcome.actor,
        'integration.install',
        `${outcome.integrationId} (${provider} install)`,
      );
      res.json({ id: outcome.integrationId, provider, ...outcome.result });
      return;
    }
    await auditRequest(deps.db, req, outcome.actor, 'integration.create', `${outcome.row.id} (${provider} OAuth)`);
    res.json({ id: outcome.row.id, provider, status: outcome.row.status });
  });
  return router;
}
