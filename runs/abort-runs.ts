import { WorkflowNotFoundError } from '@temporalio/client';
import { terminalStatuses } from '../core/run-status.js';
import type { Project } from '../core/project.js';
import { listProjects } from '../db/repositories/projects.js';
import { activeRunsOf } from '../db/repositories/runs.js';
import { abortSignal } from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';

const usesIntegration = (project: Project, id: string) =>
  [...project.triggers, ...project.context, ...project.destinations].some((entry) => entry.integrationId === id);

/** Ends every unfinished run that needs the integration: `failed`, reason `integration_disconnected`. */
export async function abortRunsUsing(deps: RunsDeps, integrationId: string, provider: string): Promise<number> {
  const projects = (await listProjects(deps.db)).filter((p) => usesIntegration(p, integrationId)).map((p) => p.id);
  const runs = await activeRunsOf(deps.db, projects, terminalStatuses);
  for (const runId of runs) {
    await deps.temporal.client.workflow
      .getHandle(runId)
      .signal(abortSignal, {
        reason: 'integration_disconnected',
        message: `The ${provider} integration ${integrationId} this run needs was disconnected.`,
      })
      .catch((error) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
  }
  return runs.length;
}
