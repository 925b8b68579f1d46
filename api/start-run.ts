import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { ApiDeps } from './deps.js';
import { insertRun } from '../db/repositories/runs.js';
import { findProject } from '../db/repositories/projects.js';
import { AppError } from '../domain/errors.js';
import { parseDuration } from '../domain/duration.js';
import { newId } from '../domain/ids.js';
import { destinationAdapter, sourceAdapter } from '../integrations/registry.js';
import { searchAttributes, workflowType, type DocUpdateInput, type SourceRef } from '../workflows/messages.js';
import { parseOrThrow } from './errors.js';

export interface StartRunRequest {
  projectId: string;
  trigger: string;
  source: SourceRef;
  note?: string;
}

/**
 * Validates everything a run needs before anything is written, then records the run and starts
 * its workflow in one transaction: if Temporal refuses the start, no run row remains.
 */
export async function startRun(deps: ApiDeps, request: StartRunRequest): Promise<{ id: string; status: 'pending' }> {
  const project = await findProject(deps.db, request.projectId);
  if (!project) throw new AppError('not_found', `project ${request.projectId} does not exist`);

  const contexts = project.context.filter((c) => c.type === request.source.type);
  if (!contexts.length) {
    throw new AppError('invalid_source', `project ${project.id} has no "${request.source.type}" context to read this source from`, [
      { path: 'source.type', message: `not one of the project's context types (${project.context.map((c) => c.type).join(', ')})` },
    ]);
  }
  const adapter = sourceAdapter(request.source.type);
  const requested = parseOrThrow(adapter.sourceSchema, request.source, ['source'], 'invalid_source');
  const source = await adapter.validateSource(requested, contexts);
  const destination = project.destinations[0]!;
  await destinationAdapter(destination.type).validateDestination(destination);

  const id = newId('run');
  const sourceLabel = adapter.describeSource(source);
  const input: DocUpdateInput = {
    runId: id,
    projectId: project.id,
    trigger: request.trigger,
    source,
    sourceLabel,
    review: { required: project.review.required, expireAfterMs: parseDuration(project.review.expireAfter)! },
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertRun(tx, { id, projectId: project.id, trigger: request.trigger, source, note: request.note });
    await deps.temporal.client.workflow.start(workflowType, {
      workflowId: id,
      taskQueue: deps.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: searchAttributes.status, value: 'pending' },
        { key: searchAttributes.project, value: project.id },
        { key: searchAttributes.source, value: sourceLabel.slice(0, 1000) },
      ],
    });
  });
  return { id, status: 'pending' };
}
