import type { Db } from '../db/database.js';
import {
  finishBackfill,
  findBackfill,
  itemsToStart,
  markStarting,
  saveItemRuns,
  saveListing,
  saveOutcome,
  unassessedItems,
  type BackfillItem,
  type BackfillOutcome,
  type BackfillRun,
  type BackfillTrigger,
} from '../db/repositories/backfills.js';
import { findProject } from '../db/repositories/projects.js';
import { insertRunIfAbsent } from '../db/repositories/runs.js';
import { AppError, isAppError } from '../core/errors.js';
import { stableId } from '../core/ids.js';
import type { Project } from '../core/project.js';
import { confidenceOf } from '../drafting/confidence.js';
import { createOfflineDrafter } from '../drafting/offline/offline-drafter.js';
import type { DocsSnapshot } from '../integrations/contract.js';
import type { Integrations } from '../integrations/integrations.js';
import { runStartOptions } from '../runs/run-start-options.js';
import type { PlannedRun } from './project-task-activities.js';

/** The most changes one backfill lists (over all its triggers); each is assessed on its own. */
export const backfillListLimit = 500;
const impactedShown = 5;

/**
 * The side of a backfill that reads providers and the database: list the window's changes per trigger, assess
 * them a few at a time with the offline drafter (never a model), and record the runs a real backfill starts
 * under the ids webhooks use for the same changes.
 */
export function backfillActivities({ db, integrations }: { db: Db; integrations: Integrations }) {
  const drafter = createOfflineDrafter();

  async function load(backfillId: string) {
    const backfill = await findBackfill(db, backfillId);
    if (!backfill) throw new AppError('not_found', `backfill ${backfillId} does not exist`);
    const project = await findProject(db, backfill.projectId);
    if (!project) throw new AppError('project_not_found', `project ${backfill.projectId} no longer exists`);
    return { backfill, project };
  }

  async function assess(item: BackfillItem, project: Project, docs: DocsSnapshot): Promise<BackfillOutcome> {
    const gathered = await integrations.source(item.source.type).gatherContext(item.source, project);
    if ('skip' in gathered) return { status: 'skipped', ...gathered.skip };
    const destination = project.destinations[0]!;
    const draft = await drafter.draft({
      change: gathered.change,
      docs: docs.pages,
      feedback: [],
      ...(docs.siteFiles?.length ? { siteFiles: docs.siteFiles } : {}),
      ...(typeof destination.docsDir === 'string' ? { docsDir: destination.docsDir } : {}),
    });
    const impacted = draft.impacted.slice(0, impactedShown).map(({ path, score }) => ({ path, score }));
    if (!draft.edits.length)
      return {
        status: 'no_changes',
        reason: draft.noChangesReason ?? 'the offline drafter proposed no edits',
        impacted,
      };
    return {
      status: 'would_update',
      pages: [...new Set(draft.edits.map((e) => e.path))],
      confidence: confidenceOf(draft),
      impacted,
      summary: draft.summary,
    };
  }

  return {
    async listBackfill(input: { backfillId: string }): Promise<{ total: number }> {
      const { backfill, project } = await load(input.backfillId);
      const window = { since: new Date(backfill.windowStart), limit: backfillListLimit };
      const triggers: BackfillTrigger[] = [];
      const listed: Omit<BackfillItem, 'position' | 'run'>[] = [];
      for (const [index, trigger] of project.triggers.entries()) {
        const { type } = trigger;
        if (type === 'manual') {
          triggers.push({ index, type, status: 'manual', message: 'runs are started by people; nothing to list' });
          continue;
        }
        const source = integrations.adapters(type).source;
        if (!source?.history) {
          const title = integrations.catalog.find(type)?.title ?? type;
          triggers.push({
            index,
            type,
            status: 'not_supported',
            message: `${title} triggers are not supported for backfill`,
          });
          continue;
        }
        try {
          const changes = await source.history(trigger, project, window);
          triggers.push({ index, type, status: 'listed', changes: changes.length });
          for (const change of changes)
            listed.push({
              triggerIndex: index,
              workflowKey: change.workflowKey,
              label: change.label,
              at: change.at,
              source: change.source,
              merged: change.merged,
              ...(change.skip ? { outcome: { status: 'skipped', ...change.skip } } : {}),
            });
        } catch (error) {
          if (!isAppError(error) || error.code !== 'invalid_request') throw error;
          triggers.push({ index, type, status: 'not_supported', message: error.message });
        }
      }
      // One change listed by two triggers is one run: the first listing keeps it.
      const seen = new Set<string>();
      const items = listed
        .filter((item) => !seen.has(item.workflowKey) && Boolean(seen.add(item.workflowKey)))
        .sort((a, b) => a.at.localeCompare(b.at) || a.workflowKey.localeCompare(b.workflowKey))
        .slice(-backfillListLimit)
        .map((item, position) => ({ ...item, position }));
      await saveListing(db, input.backfillId, items, triggers);
      return { total: items.length };
    },

    /** Assesses the next few changes not yet assessed; the docs are read once per call. */
    async assessBackfillItems(input: { backfillId: string; batch: number }): Promise<{ assessed: number }> {
      const { project } = await load(input.backfillId);
      const items = await unassessedItems(db, input.backfillId, input.batch);
      if (!items.length) return { assessed: 0 };
      const destination = project.destinations[0]!;
      const docs = await integrations.destination(destination.type).readDocs(destination);
      for (const item of items) {
        let outcome: BackfillOutcome;
        try {
          outcome = await assess(item, project, docs);
        } catch (error) {
          // What cannot be read for good (a source that vanished) is that change's outcome; anything else is retried.
          if (!isAppError(error)) throw error;
          outcome = { status: 'error', message: error.message };
        }
        await saveOutcome(db, input.backfillId, item.position, outcome);
      }
      return { assessed: items.length };
    },

    /** Records the runs of the first `max` changes to act on, under the ids a webhook would give them. */
    async planBackfillRuns(input: { backfillId: string }): Promise<(PlannedRun & { position: number })[]> {
      const { backfill, project } = await load(input.backfillId);
      await markStarting(db, backfill.id);
      const planned: (PlannedRun & { position: number })[] = [];
      for (const item of await itemsToStart(db, backfill.id, backfill.max)) {
        const runId = stableId('run', project.id, item.workflowKey);
        const trigger = `backfill:${item.source.type}`;
        const sourceLabel = integrations.source(item.source.type).describeSource(item.source);
        await insertRunIfAbsent(db, {
          id: runId,
          projectId: project.id,
          trigger,
          source: item.source,
          note: `backfill ${backfill.id}`,
        });
        const options = runStartOptions(project, {
          id: runId,
          trigger,
          source: item.source,
          sourceLabel,
          sourceMerged: item.merged,
        });
        planned.push({ position: item.position, runId, input: options.args[0] });
      }
      return planned;
    },

    async recordBackfillRuns(input: { backfillId: string; runs: (BackfillRun & { position: number })[] }) {
      await saveItemRuns(db, input.backfillId, input.runs);
    },

    async finishBackfill(input: { backfillId: string; failed?: string }): Promise<void> {
      await finishBackfill(db, input.backfillId, input.failed);
    },
  };
}
