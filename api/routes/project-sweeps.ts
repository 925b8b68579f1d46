import { z } from 'zod';
import { auditRequest } from '../audit-request.js';
import { requireProject } from '../../db/repositories/projects.js';
import { listTaskRuns } from '../../db/repositories/project-tasks.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const errors = {
  400: { description: 'Invalid request', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
  404: { description: 'Unknown project', schema: errorSchema },
};

const sweepSchema = z.object({
  id: z.string(),
  provider: z.string(),
  task: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  counts: z.record(z.string(), z.unknown()),
  detail: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});

/** The recurring tasks a project's triggers ask for (ticket sweeps): run one now, and see what each did. */
export function projectSweepRoutes(deps: ApiDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/projects/:id/sweep',
      role: 'editor',
      action: 'project.sweep',
      tag: 'projects',
      summary: "Run the project's sweep now (the one its schedule runs)",
      responses: {
        202: {
          description: 'Started; list it with GET /v1/projects/:id/sweeps',
          schema: z.object({ sweepId: z.string() }),
        },
        ...errors,
      },
      async handle(ctx) {
        const project = await requireProject(deps.db, ctx.params.id!);
        const started = await deps.runs.runProjectTasksNow(project);
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'project.sweep', `${project.id} ${started.sweepId}`);
        return { status: 202, body: started };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/projects/:id/sweeps',
      role: 'reviewer',
      tag: 'projects',
      summary: "The project's recent sweeps, newest first, with what each read, analysed, grouped, started and skipped",
      responses: { 200: { description: 'Sweeps', schema: z.object({ sweeps: z.array(sweepSchema) }) }, ...errors },
      async handle(ctx) {
        const project = await requireProject(deps.db, ctx.params.id!);
        return { status: 200, body: { sweeps: await listTaskRuns(deps.db, project.id) } };
      },
    }),
  ];
}
