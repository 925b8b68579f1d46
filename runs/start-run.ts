import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { RunsDeps } from './runs-deps.js';
import { deleteRun, insertRun } from '../db/repositories/runs.js';
import { findProject } from '../db/repositories/projects.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { workflowTypes } from '../workflows/messages.js';
import { type TypedConfig } from '../core/typed-config.js';
import { runStartOptions } from './run-start-options.js';
import { validatedSource } from './validated-source.js';

export interface StartRunRequest {
  projectId: string;
  trigger: string;
  source: TypedConfig;
  note?: string;
  /** The API key id that asked for the run. */
  requestedBy?: string;
}

/**
 * Validates everything a run needs before anything is written, then records the run and starts its
 * workflow: if Temporal refuses the start, the row is removed again. Not one transaction, because the
 * embedded database has a single connection that every activity would wait on while Temporal answers;
 * a process that dies between the two leaves a pending row without a workflow, which the next start
 * finds and ends `failed` / `workflow_lost` (runs/lost-runs.ts).
 */
export async function startRun(deps: RunsDeps, request: StartRunRequest): Promise<{ id: string; status: 'pending' }> {
  const project = await findProject(deps.db, request.projectId);
  if (!project) throw new AppError('not_found', `project ${request.projectId} does not exist`);

  const { source, label } = await validatedSource(deps, project, request.source);
  for (const destination of project.destinations)
    await deps.integrations.destination(destination.type).validateDestination(destination);

  const id = newId('run');
  const options = runStartOptions(project, { id, trigger: request.trigger, source, sourceLabel: label });
  await insertRun(deps.db, {
    id,
    projectId: project.id,
    trigger: request.trigger,
    source,
    note: request.note,
    requestedBy: request.requestedBy,
  });
  try {
    await deps.temporal.client.workflow.start(workflowTypes.docUpdate, {
      workflowId: id,
      taskQueue: deps.temporal.taskQueue,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      ...options,
    });
  } catch (error) {
    await deleteRun(deps.db, id);
    throw error;
  }
  return { id, status: 'pending' };
}
