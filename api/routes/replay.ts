import { z } from 'zod';
import { auditRequest } from '../audit-request.js';
import { requireProject } from '../../db/repositories/projects.js';
import { parseDuration } from '../../core/duration.js';
import { AppError, isAppError } from '../../core/errors.js';
import type { ProjectInput } from '../../core/project.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';
import { validateReachable } from '../validate-reachable.js';
import { windowSchema } from './backfills.js';

const effectSchema = z.object({
  kind: z.enum(['start', 'update', 'close', 'skip', 'join_window', 'review', 'docs_pr_closed']),
  projectId: z.string(),
  /** One line for people. */
  description: z.string(),
  runId: z.string().optional(),
  trigger: z.string().optional(),
  source: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  task: z.string().optional(),
  windowMs: z.number().optional(),
  merged: z.boolean().optional(),
  action: z.string().optional(),
});
const thenEffectSchema = effectSchema.extend({
  run: z.object({ status: z.string(), reason: z.string().optional() }).optional(),
});

const replaySchema = z.object({
  projectId: z.string(),
  windowStart: z.string(),
  deliveries: z.array(
    z.object({
      provider: z.string(),
      integrationId: z.string(),
      deliveryId: z.string(),
      event: z.string(),
      receivedAt: z.string(),
      then: z.array(thenEffectSchema).optional(),
      now: z.union([z.object({ effects: z.array(effectSchema) }), z.object({ error: z.string() })]),
      notReplayed: z.string().optional(),
      changed: z.boolean(),
    }),
  ),
  summary: z.object({
    kept: z.number(),
    unaffected: z.number(),
    listed: z.number(),
    changed: z.number(),
    unchanged: z.number(),
    errors: z.number(),
    then: z.record(z.string(), z.number()),
    now: z.record(z.string(), z.number()),
  }),
});

/** Replay: the project's kept webhook deliveries planned against another config, beside what they led to. */
export function replayRoutes(deps: ApiDeps) {
  const body = z.strictObject({ since: windowSchema, config: deps.integrations.catalog.projectInputSchema });
  return [
    defineRoute({
      method: 'post',
      path: '/v1/projects/:id/replay',
      role: 'editor',
      action: 'project.replay',
      tag: 'projects',
      summary:
        "Plan the project's kept webhook deliveries of a past window against another project config (validated like PUT /v1/projects/:id) and show, per delivery, what happened then beside what the config would do; starts, signals and stores nothing",
      body,
      responses: {
        200: { description: 'Then and now, per delivery, and a summary of the differences', schema: replaySchema },
        400: { description: 'Invalid request (the config names the field)', schema: errorSchema },
        401: { description: 'Missing or invalid API key', schema: errorSchema },
        403: { description: 'The key lacks the role', schema: errorSchema },
        404: { description: 'Unknown project', schema: errorSchema },
      },
      async handle(ctx) {
        const project = await requireProject(deps.db, ctx.params.id!);
        const { since, config } = ctx.body as { since: string; config: ProjectInput };
        await validateReachable(deps, config, project.id).catch((error: unknown) => {
          if (!isAppError(error)) throw error;
          throw new AppError(
            'invalid_request',
            `config.${error.message}`,
            error.details.map((d) => ({ ...d, path: d.path ? `config.${d.path}` : 'config' })),
          );
        });
        const answer = await deps.runs.replayDeliveries({ project, config, windowMs: parseDuration(since)! });
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'project.replay', `${project.id} since ${since}`);
        return { status: 200, body: answer };
      },
    }),
  ];
}
