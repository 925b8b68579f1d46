import { batchCloseTime } from '../core/batch.js';
import { AppError, isAppError } from '../core/errors.js';
import { stableId } from '../core/ids.js';
import type { Project, ScheduleTrigger } from '../core/project.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { Db } from '../db/database.js';
import { findProject } from '../db/repositories/projects.js';
import { findRun, insertRunIfAbsent, insertSkippedRun } from '../db/repositories/runs.js';
import type { Integrations } from '../integrations/integrations.js';
import { scheduleIdOf } from '../runs/project-schedules.js';
import { runStartOptions } from '../runs/run-start-options.js';
import { validatedSource } from '../runs/validated-source.js';
import type { BatchChange, DocUpdateInput, ScheduledRunInput } from '../workflows/messages.js';

/** A run recorded and ready for its workflow to start it (as a child it abandons). */
export interface RecordedRun {
  runId: string;
  input: DocUpdateInput;
}

/**
 * What the batching and scheduled-run workflows do to the database: record the one run a closed batch
 * becomes, or the run a schedule's fire starts, under ids derived from the workflow execution so a
 * retried activity records nothing twice.
 */
export function batchActivities({ db, integrations }: { db: Db; integrations: Integrations }) {
  async function project(id: string): Promise<Project> {
    const found = await findProject(db, id);
    if (!found) throw new AppError('project_not_found', `project ${id} no longer exists`);
    return found;
  }

  return {
    /** The run of a closed batch: one source of `batch` type holding every change's own source; none once the project is deleted. */
    async recordBatchRun(input: {
      projectId: string;
      execution: string;
      changes: BatchChange[];
    }): Promise<RecordedRun | undefined> {
      const settings = await findProject(db, input.projectId);
      if (!settings) return undefined;
      const runId = stableId('run', settings.id, 'batch', input.execution);
      const source = { type: 'batch', members: input.changes.map((c) => c.source) };
      const notes = input.changes.flatMap((c) => (c.note ? [`${c.label}: ${c.note}`] : []));
      await insertRunIfAbsent(db, {
        id: runId,
        projectId: settings.id,
        trigger: 'batch',
        source,
        note: notes.join('\n\n') || undefined,
      });
      const options = runStartOptions(settings, {
        id: runId,
        trigger: 'batch',
        source,
        sourceLabel: integrations.source('batch').describeSource(source),
        sourceMerged: input.changes.every((c) => c.sourceMerged),
      });
      return { runId, input: options.args[0] };
    },

    /** When the project's next batch window closes, from now; now when it stopped batching, undefined when it is gone. */
    async nextBatchClose(input: { projectId: string }): Promise<number | undefined> {
      const settings = await findProject(db, input.projectId);
      if (!settings) return undefined;
      return settings.batch ? batchCloseTime(settings.batch, Date.now()) : Date.now();
    },

    /**
     * The run a fire of a `schedule` trigger starts, its source checked and pinned by its provider now; a
     * source that no longer validates is recorded as a skipped run with the reason. Undefined when the
     * trigger is gone or the fire was skipped.
     */
    async recordScheduledRun(input: ScheduledRunInput & { fire: string }): Promise<RecordedRun | undefined> {
      const settings = await project(input.projectId);
      const trigger = settings.triggers.find(
        (t): t is ScheduleTrigger =>
          t.type === 'schedule' && scheduleIdOf(settings.id, t as ScheduleTrigger) === input.trigger,
      );
      if (!trigger) return undefined;
      const runId = stableId('run', settings.id, input.fire);
      const existing = await findRun(db, runId);
      if (existing?.status === 'skipped') return undefined;
      if (existing) {
        const source = existing.source as TypedConfig;
        const label = integrations.source(source.type).describeSource(source);
        const options = runStartOptions(settings, { id: runId, trigger: 'schedule', source, sourceLabel: label });
        return { runId, input: options.args[0] };
      }
      let pinned;
      try {
        pinned = await validatedSource({ integrations }, settings, trigger.source);
      } catch (error) {
        if (!isAppError(error)) throw error;
        await insertSkippedRun(db, {
          id: runId,
          projectId: settings.id,
          trigger: 'schedule',
          source: trigger.source,
          reason: error.code,
          message: `The scheduled source cannot be run: ${error.message}`,
        });
        return undefined;
      }
      await insertRunIfAbsent(db, { id: runId, projectId: settings.id, trigger: 'schedule', source: pinned.source });
      const options = runStartOptions(settings, {
        id: runId,
        trigger: 'schedule',
        source: pinned.source,
        sourceLabel: pinned.label,
      });
      return { runId, input: options.args[0] };
    },
  };
}
