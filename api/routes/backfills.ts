import { z } from 'zod';
import { auditRequest } from '../audit-request.js';
import { findBackfill } from '../../db/repositories/backfills.js';
import { requireProject } from '../../db/repositories/projects.js';
import { durationPattern, parseDuration } from '../../core/duration.js';
import { AppError } from '../../core/errors.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const maxWindowMs = 366 * 86_400_000;

/** A past window, as a duration back from now (`30d`): at least a minute, at most a year. */
export const windowSchema = z
  .string()
  .regex(durationPattern, 'must be a duration like "30d", "12h" or "2w"')
  .refine((text) => {
    const ms = parseDuration(text)!;
    return ms >= 60_000 && ms <= maxWindowMs;
  }, 'must be between 1m and 366d');

const backfillBody = z.strictObject({
  since: windowSchema,
  /** True (the default): list and assess only. False: also start the runs, at most `max`. */
  dryRun: z.boolean().default(true),
  max: z.number().int().min(1).max(100).default(10),
});

const page = z.object({ path: z.string(), score: z.number() });
const outcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('skipped'), reason: z.string(), message: z.string() }),
  z.object({
    status: z.literal('would_update'),
    pages: z.array(z.string()),
    confidence: z.number(),
    impacted: z.array(page),
    summary: z.string(),
  }),
  z.object({ status: z.literal('no_changes'), reason: z.string(), impacted: z.array(page) }),
  z.object({ status: z.literal('error'), message: z.string() }),
]);

const backfillSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  since: z.string(),
  windowStart: z.string(),
  dryRun: z.boolean(),
  max: z.number(),
  status: z.enum(['listing', 'assessing', 'starting', 'completed', 'failed']),
  progress: z.object({ done: z.number(), total: z.number().optional() }),
  triggers: z.array(
    z.object({
      index: z.number(),
      type: z.string(),
      status: z.enum(['listed', 'not_supported', 'manual']),
      changes: z.number().optional(),
      message: z.string().optional(),
    }),
  ),
  detail: z.string().optional(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  items: z.array(
    z.object({
      position: z.number(),
      triggerIndex: z.number(),
      workflowKey: z.string(),
      label: z.string(),
      at: z.string(),
      source: z.record(z.string(), z.unknown()),
      merged: z.boolean(),
      outcome: outcomeSchema.optional(),
      run: z.object({ runId: z.string(), status: z.enum(['started', 'already_run']) }).optional(),
    }),
  ),
});

const errors = {
  400: { description: 'Invalid request', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
  403: { description: 'The key lacks the role', schema: errorSchema },
  404: { description: 'Unknown project or backfill', schema: errorSchema },
};

/** Backfills: what the project's triggers would have done over a past window, and (not a dry run) the runs started. */
export function backfillRoutes(deps: ApiDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/projects/:id/backfill',
      role: 'editor',
      action: 'project.backfill',
      tag: 'projects',
      summary:
        "List the changes of a past window the project's triggers would have acted on and what would happen to each; with dryRun false, start their runs (at most max)",
      body: backfillBody,
      responses: {
        202: {
          description: 'Started; follow it with GET /v1/backfills/:id',
          schema: z.object({ id: z.string(), status: z.literal('listing') }),
        },
        ...errors,
      },
      async handle(ctx) {
        const project = await requireProject(deps.db, ctx.params.id!);
        const body = ctx.body as z.infer<typeof backfillBody>;
        const { id } = await deps.runs.startBackfill({ projectId: project.id, ...body, requestedBy: ctx.actor.id });
        await auditRequest(
          deps.db,
          ctx.req,
          ctx.actor.id,
          'project.backfill',
          `${project.id} ${id} since ${body.since}${body.dryRun ? ' (dry run)' : ` (max ${body.max} runs)`}`,
        );
        return { status: 202, body: { id, status: 'listing' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/backfills/:id',
      role: 'reviewer',
      tag: 'projects',
      summary: "A backfill's progress (changes assessed of those listed) and, as they come, what would happen to each",
      responses: { 200: { description: 'The backfill', schema: backfillSchema }, ...errors },
      async handle(ctx) {
        const backfill = await findBackfill(deps.db, ctx.params.id!);
        if (!backfill) throw new AppError('not_found', `backfill ${ctx.params.id} does not exist`);
        return { status: 200, body: backfill };
      },
    }),
  ];
}
