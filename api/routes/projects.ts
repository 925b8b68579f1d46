import { z } from 'zod';
import { auditRequest } from '../audit-request.js';
import { findIntegration } from '../../db/repositories/integrations.js';
import {
  deleteProject,
  findProject,
  insertProject,
  listProjects,
  updateProject,
} from '../../db/repositories/projects.js';
import { countActiveRuns } from '../../db/repositories/runs.js';
import { AppError, isAppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ProjectInput, ScheduleTrigger } from '../../core/project.js';
import { parseOrThrow } from '../../core/validation.js';
import { terminalStatuses } from '../../core/run-status.js';
import type { ApiDeps } from '../deps.js';
import { assertMayChangeReviewSettings, reviewSettingsChanged } from '../review-settings.js';
import { defineRoute, type RouteContext } from '../route.js';
import { errorSchema } from '../schemas.js';

const errors = {
  400: { description: 'Invalid request', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
};
const notFound = { 404: { description: 'Unknown project', schema: errorSchema } };

/** Checks every context and destination can actually be reached, naming the entry that cannot. */
async function validateReachable(deps: ApiDeps, input: ProjectInput, projectId?: string): Promise<void> {
  const check = async (path: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      if (!isAppError(error)) throw error;
      const details = error.details.length
        ? error.details.map((d) => ({ ...d, path: `${path}.${d.path ?? ''}`.replace(/\.$/, '') }))
        : [{ path, message: error.message }];
      throw new AppError('invalid_request', `${path}: ${error.message}`, details);
    }
  };
  for (const [i, entry] of [...input.triggers, ...input.context].entries()) {
    const integrationId = (entry as { integrationId?: unknown }).integrationId;
    const path = i < input.triggers.length ? `triggers.${i}` : `context.${i - input.triggers.length}`;
    if (typeof integrationId === 'string') await check(path, () => requireIntegration(deps, integrationId, entry.type));
  }
  // A schedule's source is checked by its own provider now, as a manual run's would be; it is pinned at each fire.
  const asProject = { ...input, id: projectId ?? 'prj_new', createdAt: '', updatedAt: '' };
  for (const [i, trigger] of input.triggers.entries()) {
    if (trigger.type !== 'schedule') continue;
    const { source } = trigger as ScheduleTrigger;
    await check(`triggers.${i}.source`, async () => {
      try {
        const adapter = deps.integrations.source(source.type);
        await adapter.validateSource(parseOrThrow(adapter.sourceSchema, source, [], 'invalid_source'), asProject);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const details = error.details.map((d) => ({ ...d, path: d.path?.replace(/^source\.?/, '') }));
        throw new AppError(error.code, error.message, details);
      }
    });
  }
  for (const [i, context] of input.context.entries()) {
    const { source, contextProvider } = deps.integrations.adapters(context.type);
    await check(`context.${i}`, async () => {
      await source?.validateContext?.(context);
      await contextProvider?.validateEntry?.(context);
    });
  }
  for (const [i, destination] of input.destinations.entries()) {
    await check(`destinations.${i}`, () =>
      deps.integrations.destination(destination.type).validateDestination(destination),
    );
  }
}

async function requireIntegration(deps: ApiDeps, id: string, provider: string): Promise<void> {
  const integration = await findIntegration(deps.db, id);
  if (!integration || integration.provider !== provider) {
    throw new AppError('invalid_request', `${provider} integration ${id} does not exist`, [
      { path: 'integrationId', message: 'unknown integration' },
    ]);
  }
}

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
