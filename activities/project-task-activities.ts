import type { Db } from '../db/database.js';
import { findProject } from '../db/repositories/projects.js';
import { finishTaskRun, readCursor, saveCursor, startTaskRun } from '../db/repositories/project-tasks.js';
import { insertRunIfAbsent } from '../db/repositories/runs.js';
import { AppError } from '../core/errors.js';
import { stableId } from '../core/ids.js';
import type { Integrations } from '../integrations/integrations.js';
import type { ProjectTaskTools } from '../integrations/contract.js';
import type { DocPage } from '../core/change.js';
import type { Project } from '../core/project.js';
import { assessConversations } from '../drafting/conversation/assess.js';
import { runStartOptions } from '../runs/run-start-options.js';
import { batchStart } from '../runs/batch-changes.js';
import type { BatchChange, BatchInput, DocUpdateInput, ProjectTaskInput } from '../workflows/messages.js';

/** A run a project task planned, recorded and ready for the workflow to start (as a child it abandons). */
export interface PlannedRun {
  runId: string;
  input: DocUpdateInput;
}

export interface PlannedTask {
  runs: PlannedRun[];
  /** A batching project's changes: handed to its open batch (opened with `input` when none is) instead of runs. */
  batch?: { workflowId: string; input: BatchInput; changes: BatchChange[] };
  cursor?: string;
  counts: Record<string, unknown>;
}

/**
 * Judges conversations against the docs of all the project's destinations (read once per task run), as the
 * offline drafter would: what a page of any of them already answers needs no run.
 */
function docsAssessor(integrations: Integrations, project: Project): ProjectTaskTools['assessDocs'] {
  let docs: Promise<DocPage[]> | undefined;
  const readAll = async () => {
    const pages: DocPage[] = [];
    for (const destination of project.destinations)
      pages.push(...(await integrations.destination(destination.type).readDocs(destination)).pages);
    return pages;
  };
  return async (change) => {
    docs ??= readAll();
    const { verdict, findings } = assessConversations(change.conversations ?? [], await docs);
    const summary = findings
      .filter((f) => f.kind === verdict)
      .map((f) => `\`${f.term.name}\`${f.page ? ` in ${f.page}` : ''}`)
      .join(', ');
    return { verdict, summary: summary || 'nothing concrete named' };
  };
}

/**
 * The side of a project's recurring task that touches the database and the provider: plan (read from
 * the stored cursor, record the runs the provider plans under ids derived from their keys, so a
 * retried plan records nothing twice) and finish (keep the cursor, the counts and the outcome).
 */
export function projectTaskActivities({ db, integrations }: { db: Db; integrations: Integrations }) {
  return {
    async planProjectTask(input: ProjectTaskInput & { taskRunId: string }): Promise<PlannedTask> {
      const project = await findProject(db, input.projectId);
      if (!project) throw new AppError('project_not_found', `project ${input.projectId} no longer exists`);
      const key = { projectId: project.id, provider: input.provider, task: input.task };
      await startTaskRun(db, input.taskRunId, key);
      const scheduled = integrations
        .projectTasks(project)
        .find((t) => t.provider === input.provider && t.task.name === input.task);
      if (!scheduled) return { runs: [], counts: { note: `the project no longer asks for ${input.task}` } };
      const plan = await scheduled.task.run(project, scheduled.trigger, await readCursor(db, key), {
        assessDocs: docsAssessor(integrations, project),
      });
      const runs: PlannedRun[] = [];
      const batched: BatchChange[] = [];
      for (const command of plan.commands) {
        if (command.kind !== 'start_or_update') continue;
        if (project.batch) {
          batched.push({
            key: command.workflowKey,
            source: command.source,
            label: integrations.source(command.source.type).describeSource(command.source),
            trigger: command.trigger,
            ...(command.note ? { note: command.note } : {}),
          });
          continue;
        }
        const runId = stableId('run', project.id, command.workflowKey);
        const sourceLabel = integrations.source(command.source.type).describeSource(command.source);
        await insertRunIfAbsent(db, {
          id: runId,
          projectId: project.id,
          trigger: command.trigger,
          source: command.source,
          note: command.note,
        });
        const options = runStartOptions(project, {
          id: runId,
          trigger: command.trigger,
          source: command.source,
          sourceLabel,
        });
        runs.push({ runId, input: options.args[0] });
      }
      const batch =
        project.batch && batched.length
          ? { ...batchStart({ id: project.id, batch: project.batch }), changes: batched }
          : undefined;
      return {
        runs,
        ...(batch ? { batch } : {}),
        ...(plan.cursor !== undefined ? { cursor: plan.cursor } : {}),
        counts: batch ? { ...plan.counts, batched: batched.length } : plan.counts,
      };
    },

    async finishProjectTask(
      input: ProjectTaskInput & {
        taskRunId: string;
        cursor?: string;
        counts: Record<string, unknown>;
        failed?: string;
      },
    ): Promise<void> {
      if (input.cursor !== undefined && !input.failed)
        await saveCursor(db, { projectId: input.projectId, provider: input.provider, task: input.task }, input.cursor);
      await finishTaskRun(db, input.taskRunId, {
        status: input.failed ? 'failed' : 'completed',
        counts: input.counts,
        ...(input.failed ? { detail: input.failed } : {}),
      });
    },
  };
}
