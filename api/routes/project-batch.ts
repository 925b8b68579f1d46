import { z } from 'zod';
import { requireProject } from '../../db/repositories/projects.js';
import { AppError } from '../../core/errors.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const batchViewSchema = z.object({
  open: z.boolean(),
  id: z.string().optional().describe('The batching workflow'),
  changes: z
    .array(z.object({ key: z.string(), label: z.string() }))
    .optional()
    .describe('The changes collected so far, each counted once'),
  closesAt: z.string().optional().describe('When the window closes and its changes run as one'),
  maxChanges: z.number().optional().describe('The batch closes early once it holds this many'),
  startedAt: z.string().optional(),
});

/** A batching project's open batch: what it collected, and when it runs. */
export function projectBatchRoutes(deps: ApiDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/projects/:id/batch',
      role: 'reviewer',
      tag: 'projects',
      summary: "The project's open batch: the changes collected and when they run as one",
      responses: {
        200: { description: 'The open batch, or {"open": false}', schema: batchViewSchema },
        400: { description: 'The project does not batch', schema: errorSchema },
        401: { description: 'Missing or invalid API key', schema: errorSchema },
        404: { description: 'Unknown project', schema: errorSchema },
      },
      async handle(ctx) {
        const project = await requireProject(deps.db, ctx.params.id!);
        if (!project.batch)
          throw new AppError('invalid_request', `project ${project.id} does not batch (give it "batch")`, [
            { path: 'batch', message: 'not set' },
          ]);
        const open = await deps.runs.openBatch(project);
        if (!open) return { status: 200, body: { open: false } };
        return {
          status: 200,
          body: {
            open: true,
            id: open.id,
            changes: open.changes,
            closesAt: new Date(open.closesAt).toISOString(),
            maxChanges: open.maxChanges,
            startedAt: open.startedAt,
          },
        };
      },
    }),
  ];
}
