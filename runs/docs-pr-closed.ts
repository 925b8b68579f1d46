import { WorkflowNotFoundError } from '@temporalio/client';
import { recordClosed, runsToRelease } from '../db/repositories/docs-prs.js';
import { findProject } from '../db/repositories/projects.js';
import { docsPRSlotSignal } from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';

/** Records that a docs PR closed at the host and tells the oldest queued runs of its project that a slot is free. */
export async function docsPRClosed(
  deps: RunsDeps,
  command: { projectId: string; runId: string; merged: boolean },
): Promise<string> {
  const project = await findProject(deps.db, command.projectId);
  if (!project?.limits) return `docs PR of ${command.runId}: project ${command.projectId} does not track docs PRs`;
  if (!(await recordClosed(deps.db, command.runId, command.merged ? 'merged' : 'closed')))
    return `docs PR of ${command.runId} was not open`;
  const released = await runsToRelease(deps.db, project.id, project.limits.openDocsPRs);
  for (const runId of released) {
    try {
      await deps.temporal.client.workflow.getHandle(runId).signal(docsPRSlotSignal);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  return `docs PR of ${command.runId} ${command.merged ? 'merged' : 'closed'}${released.length ? `; released ${released.join(', ')}` : ''}`;
}
