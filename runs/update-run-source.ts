import { WorkflowNotFoundError } from '@temporalio/client';
import type { RunsDeps } from './runs-deps.js';
import { findProject } from '../db/repositories/projects.js';
import { findRun } from '../db/repositories/runs.js';
import { AppError } from '../core/errors.js';
import { sourceUpdatedSignal } from '../workflows/messages.js';
import { type TypedConfig } from '../core/typed-config.js';
import { isTerminal } from '../core/run-status.js';
import { validatedSource } from './validated-source.js';

/** New commits on the same change: validates and pins the new source, then signals the run to re-draft. */
export async function updateRunSource(
  deps: RunsDeps,
  runId: string,
  requested: TypedConfig,
): Promise<{ id: string; status: string }> {
  const run = await findRun(deps.db, runId);
  if (!run) throw new AppError('not_found', `run ${runId} does not exist`);
  if (isTerminal(run.status)) throw new AppError('conflict', `run ${runId} is ${run.status}; start a new run instead`);
  const current = run.source as TypedConfig;
  if (requested.type !== current.type) {
    throw new AppError('invalid_source', `run ${runId} reads a "${current.type}" source, not "${requested.type}"`, [
      { path: 'source.type', message: `must be "${current.type}"` },
    ]);
  }
  const project = await findProject(deps.db, run.project_id);
  if (!project) throw new AppError('not_found', `project ${run.project_id} does not exist`);
  const { source } = await validatedSource(deps, project, requested);
  // A signal is recorded even while no worker runs; the run picks it up when it next makes progress.
  try {
    await deps.temporal.client.workflow.getHandle(runId).signal(sourceUpdatedSignal, source);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      throw new AppError('conflict', `run ${runId} has finished; start a new run instead`);
    throw error;
  }
  return { id: runId, status: run.status };
}
