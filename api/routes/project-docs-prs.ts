import { z } from 'zod';
import { auditRequest } from '../audit-request.js';
import { requireProject } from '../../db/repositories/projects.js';
import { listDocsPRs } from '../../db/repositories/docs-prs.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const errors = {
  400: { description: 'Invalid request', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
  404: { description: 'Unknown project', schema: errorSchema },
};

const docsPRSchema = z.object({
  runId: z.string(),
  state: z.enum(['reserved', 'open', 'closed', 'merged', 'expired']),
  suggestionId: z.string().optional(),
  location: z.string().optional(),
  joined: z.array(z.object({ runId: z.string(), suggestionId: z.string(), sourceLabel: z.string() })),
  openedAt: z.string().optional(),
  closedAt: z.string().optional(),
});

const checkSchema = z.object({
  counts: z.record(z.string(), z.number()),
  details: z.array(z.string()),
  release: z.array(z.string()),
});

/** The docs PRs docflow tracks for a project with `limits`: list them, and check them now. */
export function projectDocsPRRoutes(deps: ApiDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/projects/:id/docs-prs',
      role: 'reviewer',
      tag: 'projects',
      summary:
        "The project's docs PRs docflow tracks (limits): reserved slots, open PRs with the runs that joined them, closed ones",
      responses: { 200: { description: 'Docs PRs', schema: z.object({ docsPRs: z.array(docsPRSchema) }) }, ...errors },
      async handle(ctx) {
        const project = await requireProject(deps.db, ctx.params.id!);
        return { status: 200, body: { docsPRs: await listDocsPRs(deps.db, project.id) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/projects/:id/docs-prs/check',
      role: 'editor',
      action: 'project.docs_prs_check',
      tag: 'projects',
      summary:
        "Check the project's open docs PRs now (what its schedule does): record closed ones, close expired ones, rebuild stale ones",
      responses: { 200: { description: 'What the check did', schema: checkSchema }, ...errors },
      async handle(ctx) {
        const project = await requireProject(deps.db, ctx.params.id!);
        const result = await deps.runs.checkDocsPRsNow(project);
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'project.docs_prs_check', project.id);
        return { status: 200, body: result };
      },
    }),
  ];
}
