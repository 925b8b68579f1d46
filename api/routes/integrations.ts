import { z } from 'zod';
import type { IntegrationRow } from '../../db/schema.js';
import { auditRequest } from '../audit-request.js';
import { listIntegrations } from '../../db/repositories/integrations.js';
import { disconnect } from '../../connections/disconnect.js';
import { saveConnection } from '../../connections/save-connection.js';
import { connectionsOf, type ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const integrationSchema = z.object({
  id: z.string(),
  provider: z.string(),
  status: z.string(),
  baseUrl: z.string(),
  auth: z.string().optional(),
  identity: z
    .record(z.string(), z.string())
    .optional()
    .describe(
      'Who the credentials act as, as the provider reported it when they were checked (a workspace, a bot user)',
    ),
  statusDetail: z.string().optional().describe('Why the last health check failed'),
  checkedAt: z.string().optional(),
  webhookUrl: z.string().describe('Give this URL to the provider as the webhook target'),
  createdAt: z.string(),
});
const errors = {
  400: { description: 'Invalid request', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
};

/** What the API shows of a connection: never a secret. */
function view(deps: ApiDeps, row: IntegrationRow) {
  const settings = row.settings as { auth?: string; identity?: Record<string, string> };
  return {
    id: row.id,
    provider: row.provider,
    status: row.status,
    baseUrl: row.base_url,
    ...(settings.auth ? { auth: settings.auth } : {}),
    ...(settings.identity ? { identity: settings.identity } : {}),
    ...(row.status_detail ? { statusDetail: row.status_detail } : {}),
    ...(row.checked_at ? { checkedAt: row.checked_at.toISOString() } : {}),
    webhookUrl: `${deps.publicUrl.replace(/\/$/, '')}/webhooks/${row.provider}/${row.id}`,
    createdAt: row.created_at.toISOString(),
  };
}

export function integrationRoutes(deps: ApiDeps) {
  const { connectable } = deps.integrations.catalog;
  // Each provider's own connection schema, chosen by `provider`: validation and /openapi.json name its fields.
  const connectionBody = z.discriminatedUnion(
    'provider',
    connectable.map((c) => c.schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
  ) as unknown as z.ZodType<{ provider: string } & Record<string, unknown>>;
  return [
    defineRoute<{ provider: string } & Record<string, unknown>>({
      method: 'post',
      path: '/v1/integrations',
      role: 'admin',
      action: 'integration.create',
      tag: 'integrations',
      summary: 'Connect a provider (credentials are sealed; the answer names the webhook URL)',
      body: connectionBody,
      responses: { 201: { description: 'Connected', schema: integrationSchema }, ...errors },
      async handle(ctx) {
        const { provider } = ctx.body;
        const prepared = await deps.integrations.connection(provider).prepare(ctx.body);
        const row = await saveConnection(connectionsOf(deps), provider, prepared, ctx.actor.id);
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'integration.create', row.id);
        return { status: 201, body: view(deps, row) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/integrations',
      role: 'admin',
      tag: 'integrations',
      summary: 'List connected providers',
      responses: {
        200: { description: 'Integrations', schema: z.object({ integrations: z.array(integrationSchema) }) },
        ...errors,
      },
      async handle() {
        return { status: 200, body: { integrations: (await listIntegrations(deps.db)).map((row) => view(deps, row)) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/integrations/:id',
      role: 'admin',
      action: 'integration.delete',
      tag: 'integrations',
      summary: 'Disconnect a provider and wipe its stored credentials',
      responses: {
        204: { description: 'Disconnected' },
        404: { description: 'Unknown integration', schema: errorSchema },
        ...errors,
      },
      async handle(ctx) {
        const { revocation, stopped } = await disconnect(connectionsOf(deps), ctx.params.id!);
        await auditRequest(
          deps.db,
          ctx.req,
          ctx.actor.id,
          'integration.delete',
          `${ctx.params.id} (provider revocation: ${revocation}; ${stopped} active run(s) stopped)`,
        );
        return { status: 204 };
      },
    }),
  ];
}
