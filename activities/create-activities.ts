import type { Db } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { findProject } from '../db/repositories/projects.js';
import { findRun, recordTransition, saveSuggestedReviewers, type Transition } from '../db/repositories/runs.js';
import { recentFeedback } from '../db/repositories/project-feedback.js';
import {
  findChangeContext,
  findSuggestion,
  saveChangeContext,
  saveSuggestion,
} from '../db/repositories/suggestions.js';
import { confidenceOf } from '../drafting/confidence.js';
import { AppError } from '../core/errors.js';
import type { Project } from '../core/project.js';
import { suggestReviewers, type SuggestedReviewer } from '../core/suggested-reviewers.js';
import type { Drafter } from '../drafting/drafter.js';
import type { Integrations } from '../integrations/integrations.js';
import { batchMembers, type BatchSource } from '../integrations/batch-source.js';
import type { PublishResult, SourceOutcome } from '../integrations/contract.js';
import type { TypedConfig } from '../core/typed-config.js';
import { withFailureTypes } from './failures.js';
import { batchActivities } from './batch-activities.js';
import { projectTaskActivities } from './project-task-activities.js';
import { publishMessage } from './publish-message.js';
import { refuseUnstorable } from './unstorable.js';
import { announceRun, type AnnounceInput } from './announce-run.js';
import { enrichChange } from './enrich-change.js';

export interface ActivityDeps {
  db: Db;
  drafter: Drafter;
  integrations: Integrations;
}

/** `execution` (the Temporal run id) keeps ids unique when a run's workflow id is started again. */
export interface GatherInput {
  runId: string;
  execution: string;
  projectId: string;
  source: TypedConfig;
  attempt: number;
}
export interface GatherOutput {
  contextId?: string;
  skip?: { reason: string; message: string };
  files: number;
  commits: number;
}
export interface DraftInput {
  runId: string;
  execution: string;
  projectId: string;
  contextId: string;
  revision: number;
  feedback: string[];
}
export interface DraftOutput {
  suggestionId: string;
  edits: number;
  pages: string[];
  confidence: number;
  noChangesReason?: string;
}
export interface PublishInput {
  runId: string;
  projectId: string;
  suggestionId: string;
  sourceLabel: string;
  sourceMerged: boolean;
  timestamp: number;
}
export interface ReportInput {
  projectId: string;
  source: TypedConfig;
  outcome: SourceOutcome;
}

async function firstFile(
  paths: string[],
  read: (path: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  for (const path of paths) {
    const text = await read(path);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Activities take ids and small values; everything bulky is read from and written to the database. */
export function createActivities({ db, drafter, integrations }: ActivityDeps) {
  async function project(id: string): Promise<Project> {
    const found = await findProject(db, id);
    if (!found) throw new AppError('project_not_found', `project ${id} no longer exists`);
    return found;
  }

  return withFailureTypes({
    ...projectTaskActivities({ db, integrations }),
    ...batchActivities({ db, integrations }),

    async recordStatus(transition: Transition): Promise<void> {
      await refuseUnstorable(`the ${transition.status} status of run ${transition.runId}`, () =>
        recordTransition(db, transition),
      );
    },

    async gatherContext(input: GatherInput): Promise<GatherOutput> {
      const settings = await project(input.projectId);
      const gathered = await integrations.source(input.source.type).gatherContext(input.source, settings);
      if ('skip' in gathered) return { skip: gathered.skip, files: 0, commits: 0 };
      const change = await enrichChange(integrations, settings, gathered.change);
      const contextId = `ctx_${input.runId}_${input.execution.slice(0, 8)}_${input.attempt}`;
      await saveChangeContext(db, contextId, input.runId, change);
      return { contextId, files: change.files.length, commits: change.commits.length };
    },

    async draftSuggestion(input: DraftInput): Promise<DraftOutput> {
      const { destinations, drafting, reviewers } = await project(input.projectId);
      const change = await findChangeContext(db, input.contextId);
      if (!change) throw new AppError('not_found', `change context ${input.contextId} is missing`);
      const destination = destinations[0]!;
      const adapter = integrations.destination(destination.type);
      const docs = await adapter.readDocs(destination);
      const styleGuide = await firstFile(
        drafting.styleGuide ? [drafting.styleGuide] : ['AGENTS.md', 'STYLE.md'],
        (path) => adapter.readFile(destination, path),
      );
      const draft = await drafter.draft({
        change,
        docs: docs.pages,
        ...(docs.siteFiles?.length ? { siteFiles: docs.siteFiles } : {}),
        feedback: input.feedback,
        projectFeedback: await recentFeedback(db, input.projectId),
        ...(typeof destination.docsDir === 'string' ? { docsDir: destination.docsDir } : {}),
        ...(styleGuide ? { styleGuide } : {}),
      });
      const confidence = confidenceOf(draft);
      const suggestionId = `sug_${input.runId}_${input.execution.slice(0, 8)}_${input.revision}`;
      const pages = [...new Set(draft.edits.map((e) => e.path))];
      // The versions the edited pages were read at go with the suggestion: publishing refuses a page that moved since.
      const pageVersions = Object.fromEntries(
        pages.flatMap((path) => (docs.versions?.[path] !== undefined ? [[path, docs.versions[path]]] : [])),
      );
      await saveSuggestion(
        db,
        suggestionId,
        input.runId,
        input.revision,
        input.feedback,
        { ...draft, confidence },
        pageVersions,
      );
      const codeOwners = pages.length ? await adapter.codeOwners?.(destination, pages) : undefined;
      await saveSuggestedReviewers(
        db,
        input.runId,
        suggestReviewers({
          ...(reviewers ? { project: reviewers } : {}),
          ...(change.author ? { author: change.author } : {}),
          ...(codeOwners ? { codeOwners } : {}),
        }),
      );
      return {
        suggestionId,
        edits: draft.edits.length,
        pages,
        confidence,
        noChangesReason: draft.edits.length ? undefined : (draft.noChangesReason ?? 'the drafter proposed no edits'),
      };
    },

    async publishSuggestion(input: PublishInput): Promise<PublishResult> {
      const { destinations } = await project(input.projectId);
      const suggestion = await findSuggestion(db, input.suggestionId);
      if (!suggestion) throw new AppError('not_found', `suggestion ${input.suggestionId} is missing`);
      const destination = destinations[0]!;
      const run = await findRun(db, input.runId);
      const source = run?.source as TypedConfig | undefined;
      const sources =
        source?.type === 'batch' ? batchMembers(source as BatchSource, (type) => integrations.source(type)) : [];
      const { title, body } = publishMessage(suggestion, input.sourceLabel, sources);
      const reviewers = run?.suggested_reviewers as SuggestedReviewer[] | null;
      const audit = (outcome: 'success' | 'failure') =>
        appendAudit(db, {
          actor: 'docflow-worker',
          action: 'run.publish',
          target: `${input.runId} → ${destination.type}`,
          outcome,
        });
      const published = await integrations
        .destination(destination.type)
        .publish(destination, {
          runId: input.runId,
          suggestionId: suggestion.id,
          title,
          body,
          edits: suggestion.edits,
          timestamp: input.timestamp,
          sourceLabel: input.sourceLabel,
          sourceMerged: input.sourceMerged,
          ...(reviewers?.length ? { reviewers } : {}),
          ...(suggestion.pageVersions ? { pageVersions: suggestion.pageVersions } : {}),
        })
        .catch(async (error) => {
          await audit('failure');
          throw error;
        });
      await audit('success');
      return published;
    },

    async markDocsReady(input: { projectId: string; runId: string }): Promise<string> {
      const destination = (await project(input.projectId)).destinations[0]!;
      const adapter = integrations.destination(destination.type);
      const outcome = adapter.markReady ? await adapter.markReady(destination, input.runId) : 'not_draft';
      if (outcome === 'marked')
        await appendAudit(db, {
          actor: 'docflow-worker',
          action: 'run.mark_ready',
          target: input.runId,
          outcome: 'success',
        });
      return outcome;
    },

    /** One run of a connection's recurring task, declared by its provider. */
    async runMaintenance(input: { provider: string; task: string; integrationId: string }): Promise<unknown> {
      return integrations.maintenanceTask(input.provider, input.task).run(input.integrationId);
    },

    /** Shows the run to people: the project's review channel (a card updated in place) and its notify entries. */
    async announceRun(input: AnnounceInput): Promise<string[]> {
      return announceRun(db, integrations, input);
    },

    /** Tells the source what became of the run, where the source supports it (a PR comment, say). */
    async reportOutcome(input: ReportInput): Promise<void> {
      const adapter = integrations.source(input.source.type);
      await adapter.reportOutcome?.(input.source, await project(input.projectId), input.outcome);
    },
  });
}

export type Activities = ReturnType<typeof createActivities>;
