import { z } from 'zod';
import type { IntegrationRow } from '../../db/schema.js';
import { auditRequest } from '../audit-request.js';
import { deleteIntegration, findIntegration, insertIntegration, listIntegrations } from '../../db/repositories/integrations.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { WorkflowNotFoundError } from '@temporalio/client';
import { listProjects } from '../../db/repositories/projects.js';
import { activeRunsOf } from '../../db/repositories/runs.js';
import type { Project } from '../../domain/project.js';
import { definitions } from '../../integrations/registry.js';
import { revokeAtProvider } from '../../integrations/shared/oauth/revoke.js';
import { abortSignal, terminalStatuses } from '../../workflows/messages.js';
import { ensureSchedules, removeSchedules } from '../../temporal/schedules.js';
import type { ApiDeps } from '../deps.js';
import { parseOrThrow } from '../errors.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const integrationSchema = z.object({
  id: z.string(),
  provider: z.string(),
  status: z.string(),
  baseUrl: z.string(),
  auth: z.string().optional(),
  statusDetail: z.string().optional().describe('Why the last health check failed'),
  checkedAt: z.string().optional(),
  webhookUrl: z.string().describe('Give this URL to the provider as the webhook target'),
  createdAt: z.string(),
});
const connectable = definitions.filter((d) => d.schemas.connection);
const connectionBody = z.looseObject({ provider: z.enum(connectable.map((d) => d.provider) as [string, ...string[]]) });
const errors = { 400: { description: 'Invalid request', schema: errorSchema }, 401: { description: 'Missing or invalid API key', schema: errorSchema } };

/** What the API shows of a connection: never a secret. */
function view(deps: ApiDeps, row: IntegrationRow) {
  const settings = row.settings as { auth?: string };
  return {
    id: row.id,
    provider: row.provider,
    status: row.status,
    baseUrl: row.base_url,
    ...(settings.auth ? { auth: settings.auth } : {}),
    ...(row.status_detail ? { statusDetail: row.status_detail } : {}),
    ...(row.checked_at ? { checkedAt: row.checked_at.toISOString() } : {}),
    webhookUrl: `${deps.publicUrl.replace(/\/$/, '')}/webhooks/${row.provider}/${row.id}`,
    createdAt: row.created_at.toISOString(),
  };
}

const usesIntegration = (project: Project, id: string) =>
  [...project.triggers, ...project.context, ...project.destinations].some((entry) => entry.integrationId === id);

/** Ends every unfinished run that needs the integration: `failed`, reason `integration_disconnected`. */
async function abortRunsUsing(deps: ApiDeps, integrationId: string, provider: string): Promise<number> {
  const projects = (await listProjects(deps.db)).filter((p) => usesIntegration(p, integrationId)).map((p) => p.id);
  const runs = await activeRunsOf(deps.db, projects, terminalStatuses);
  for (const runId of runs) {
    await deps.temporal.client.workflow
      .getHandle(runId)
      .signal(abortSignal, { reason: 'integration_disconnected', message: `The ${provider} integration ${integrationId} this run needs was disconnected.` })
      .catch((error) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
  }
  return runs.length;
}

export function integrationRoutes(deps: ApiDeps) {
  return [
    defineRoute<z.infer<typeof connectionBody>>({
      method: 'post', path: '/v1/integrations', role: 'admin', action: 'integration.create', tag: 'integrations', summary: 'Connect a provider (credentials are sealed; the answer names the webhook URL)',
      body: connectionBody,
      responses: { 201: { description: 'Connected', schema: integrationSchema }, ...errors },
      async handle(ctx) {
        const definition = connectable.find((d) => d.provider === ctx.body.provider)!;
        const body = parseOrThrow(definition.schemas.connection!, ctx.body) as Record<string, unknown>;
        const prepared = await deps.integrations.connection(definition.provider).prepare(body);
        // One transaction: if the connection's schedules cannot be created, no connection is stored.
        const row = await deps.db.transaction().execute(async (tx) => {
          const inserted = await insertIntegration(tx, {
            id: newId('int'),
            provider: definition.provider,
            baseUrl: prepared.baseUrl,
            settings: prepared.settings,
            sealedSecrets: deps.secrets.seal(JSON.stringify(prepared.secrets)),
            createdBy: ctx.actor.id,
          });
          await ensureSchedules(deps.temporal.client, deps.temporal.taskQueue, deps.integrations.connection(inserted.provider).schedules?.(inserted.id, prepared.settings) ?? []);
          return inserted;
        });
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'integration.create', row.id);
        return { status: 201, body: view(deps, row) };
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/integrations', role: 'admin', tag: 'integrations', summary: 'List connected providers',
      responses: { 200: { description: 'Integrations', schema: z.object({ integrations: z.array(integrationSchema) }) }, ...errors },
      async handle() {
        return { status: 200, body: { integrations: (await listIntegrations(deps.db)).map((row) => view(deps, row)) } };
      },
    }),
    defineRoute({
      method: 'delete', path: '/v1/integrations/:id', role: 'admin', action: 'integration.delete', tag: 'integrations', summary: 'Disconnect a provider and wipe its stored credentials',
      responses: { 204: { description: 'Disconnected' }, 404: { description: 'Unknown integration', schema: errorSchema }, ...errors },
      async handle(ctx) {
        const row = await findIntegration(deps.db, ctx.params.id!);
        if (!row) throw new AppError('not_found', `integration ${ctx.params.id} does not exist`);
        const schedules = definitions.some((d) => d.provider === row.provider && d.schemas.connection)
          ? (deps.integrations.connection(row.provider).schedules?.(row.id, row.settings as Record<string, unknown>) ?? [])
          : [];
        await removeSchedules(deps.temporal.client, [...schedules.map((s) => s.scheduleId), `health-${row.id}`]);
        const revocation = await revokeAtProvider(row, deps.secrets, deps.oauthClients ?? {});
        await deleteIntegration(deps.db, row.id);
        const stopped = await abortRunsUsing(deps, row.id, row.provider);
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'integration.delete', `${row.id} (provider revocation: ${revocation}; ${stopped} active run(s) stopped)`);
        return { status: 204 };
      },
    }),
  ];
}
