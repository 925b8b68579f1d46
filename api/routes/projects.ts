import { z } from 'zod';
import { auditRequest } from '../audit-request.js';
import {
  deleteProject,
  findProject,
  insertProject,
  listProjects,
  updateProject,
} from '../../db/repositories/projects.js';
import { countActiveRuns } from '../../db/repositories/runs.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ProjectInput } from '../../core/project.js';
import { terminalStatuses } from '../../core/run-status.js';
import type { ApiDeps } from '../deps.js';
import { assertMayChangeReviewSettings, reviewSettingsChanged } from '../review-settings.js';
import { defineRoute, type RouteContext } from '../route.js';
import { errorSchema } from '../schemas.js';
import { validateReachable } from '../validate-reachable.js';

const errors = {
  400: { description: 'Invalid request', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
};
const notFound = { 404: { description: 'Unknown project', schema: errorSchema } };

const audit = (deps: ApiDeps, ctx: RouteContext<unknown, unknown>, action: string, target: string) =>
  auditRequest(deps.db, ctx.req, ctx.actor.id, action, target);

async function requireNoActiveRuns(deps: ApiDeps, id: string) {
  const active = await countActiveRuns(deps.db, id, terminalStatuses);
  if (active > 0)
    throw new AppError(
      'conflict',
      `project ${id} has ${active} active run(s); reject them or wait for them to finish first`,
    );
}

export function projectRoutes(deps: ApiDeps) {
  const { projectInputSchema } = deps.integrations.catalog;
  const projectSchema = projectInputSchema.extend({ id: z.string(), createdAt: z.string(), updatedAt: z.string() });
  return [
    defineRoute<ProjectInput>({
      method: 'post',
      path: '/v1/projects',
      role: 'editor',
      action: 'project.create',
      tag: 'projects',
      summary: 'Create a project',
      body: projectInputSchema,
      responses: { 201: { description: 'Created', schema: projectSchema }, ...errors },
      async handle(ctx) {
        await validateReachable(deps, ctx.body);
        const project = await insertProject(deps.db, newId('prj'), ctx.body);
        try {
          await deps.runs.ensureProjectSchedules(project);
        } catch (error) {
          // No project without the schedules its triggers ask for.
          await deleteProject(deps.db, project.id);
          throw error;
        }
        await audit(deps, ctx, 'project.create', project.id);
        return { status: 201, body: project };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/projects',
      role: 'reviewer',
      tag: 'projects',
      summary: 'List projects',
      responses: {
        200: { description: 'Projects', schema: z.object({ projects: z.array(projectSchema) }) },
        ...errors,
      },
      async handle() {
        return { status: 200, body: { projects: await listProjects(deps.db) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/projects/:id',
      role: 'reviewer',
      tag: 'projects',
      summary: 'Get a project',
      responses: { 200: { description: 'The project', schema: projectSchema }, ...errors, ...notFound },
      async handle({ params }) {
        const project = await findProject(deps.db, params.id!);
        if (!project) throw new AppError('not_found', `project ${params.id} does not exist`);
        return { status: 200, body: project };
      },
    }),
    defineRoute<ProjectInput>({
      method: 'put',
      path: '/v1/projects/:id',
      role: 'editor',
      action: 'project.update',
      tag: 'projects',
      summary: "Replace a project's settings",
      body: projectInputSchema,
      responses: {
        200: { description: 'Updated', schema: projectSchema },
        403: { description: 'Changing review or reviewers settings needs the admin role', schema: errorSchema },
        ...errors,
        ...notFound,
      },
      async handle(ctx) {
        const existing = await findProject(deps.db, ctx.params.id!);
        if (!existing) throw new AppError('not_found', `project ${ctx.params.id} does not exist`);
        assertMayChangeReviewSettings(ctx.actor, existing, ctx.body);
        await validateReachable(deps, ctx.body, existing.id);
        const project = await updateProject(deps.db, ctx.params.id!, ctx.body);
        if (!project) throw new AppError('not_found', `project ${ctx.params.id} does not exist`);
        await deps.runs.ensureProjectSchedules(project, existing);
        await audit(deps, ctx, 'project.update', project.id);
        if (reviewSettingsChanged(existing, ctx.body)) await audit(deps, ctx, 'project.review_settings', project.id);
        return { status: 200, body: project };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/projects/:id',
      role: 'editor',
      action: 'project.delete',
      tag: 'projects',
      summary: 'Delete a project and its finished runs',
      responses: {
        204: { description: 'Deleted' },
        409: { description: 'The project has active runs', schema: errorSchema },
        ...errors,
        ...notFound,
      },
      async handle(ctx) {
        const existing = await findProject(deps.db, ctx.params.id!);
        if (!existing) throw new AppError('not_found', `project ${ctx.params.id} does not exist`);
        await requireNoActiveRuns(deps, ctx.params.id!);
        await deps.runs.removeProjectSchedules(existing);
        await deleteProject(deps.db, ctx.params.id!);
        await audit(deps, ctx, 'project.delete', ctx.params.id!);
        return { status: 204 };
      },
    }),
  ];
}
