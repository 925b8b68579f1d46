import type { Db } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { purgeKeptDeliveries } from '../db/repositories/kept-deliveries.js';
import { findProject } from '../db/repositories/projects.js';
import { findRun, recordTransition, saveSuggestedReviewers, type Transition } from '../db/repositories/runs.js';
import { recentFeedback } from '../db/repositories/project-feedback.js';
import {
  editsFor,
  findChangeContext,
  findSuggestion,
  pageVersionsAt,
  saveChangeContext,
  saveSuggestion,
} from '../db/repositories/suggestions.js';
import { confidenceOf } from '../drafting/confidence.js';
import { AppError } from '../core/errors.js';
import type { Project } from '../core/project.js';
import { suggestReviewers, type SuggestedReviewer } from '../core/suggested-reviewers.js';
import { withAuditDrafting } from '../drafting/audit/audit-drafter.js';
import type { Drafter } from '../drafting/drafter.js';
import type { Integrations } from '../integrations/integrations.js';
import { batchMembers, type BatchSource } from '../integrations/batch-source.js';
import type { PublishRequest, PublishResult, SourceOutcome } from '../integrations/contract.js';
import type { TypedConfig } from '../core/typed-config.js';
import {
  docsPRJoinedBy,
  findDocsPR,
  oldestOpenDocsPR,
  recordJoined,
  recordOpened,
} from '../db/repositories/docs-prs.js';
import { docsPRActivities, docsPRsOf } from './docs-pr-activities.js';
import { withFailureTypes } from './failures.js';
import { backfillActivities } from './backfill-activities.js';
import { batchActivities } from './batch-activities.js';
import { projectTaskActivities } from './project-task-activities.js';
import { publishMessage } from './publish-message.js';
import { refuseUnstorable } from './unstorable.js';
import { announceRun, type AnnounceInput } from './announce-run.js';
import { enrichChange } from './enrich-change.js';
import { combineDrafts, versionsOfEdited, type DestinationDraft } from './draft-destinations.js';

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
  /** For a project with several destinations: those with edits, by position in the project, to publish one after another. */
  destinations?: { position: number; type: string }[];
}
export interface PublishInput {
  runId: string;
  projectId: string;
  suggestionId: string;
  sourceLabel: string;
  sourceMerged: boolean;
  timestamp: number;
  /** The project's destination (by position) to publish that destination's edits to; absent: the only one, every edit. */
  destination?: number;
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
export function createActivities({ db, drafter: configured, integrations }: ActivityDeps) {
  // A docs audit is drafted from its findings whichever drafter the deployment configured.
  const drafter = withAuditDrafting(configured);
  async function project(id: string): Promise<Project> {
    const found = await findProject(db, id);
    if (!found) throw new AppError('project_not_found', `project ${id} no longer exists`);
    return found;
  }

  /**
   * Publishes; with `limits`, the docs PR is recorded as open, and a run that took no slot (`whenFull: "join"`)
   * adds its commit to the oldest open docs PR instead (the same one again on a retry; its own PR when none is open).
   */
  async function publishTracked(
    projectId: string,
    limits: Project['limits'],
    destination: TypedConfig,
    request: PublishRequest,
  ): Promise<PublishResult> {
    const adapter = integrations.destination(destination.type);
    if (!limits) return adapter.publish(destination, request);
    const own = await findDocsPR(db, request.runId);
    const target =
      !own && limits.whenFull === 'join'
        ? ((await docsPRJoinedBy(db, projectId, request.runId)) ?? (await oldestOpenDocsPR(db, projectId)))
        : undefined;
    if (target) {
      const joined = await docsPRsOf(integrations, destination).append(destination, target.runId, request);
      const entry = { runId: request.runId, suggestionId: request.suggestionId, sourceLabel: request.sourceLabel };
      await recordJoined(db, target.runId, entry);
      return { ...joined, note: `Added to the open docs PR of run ${target.runId} (limits.whenFull is "join").` };
    }
    const published = await adapter.publish(destination, request);
    await recordOpened(db, {
      runId: request.runId,
      projectId,
      suggestionId: request.suggestionId,
      location: published.location,
    });
    return published;
  }

  async function styleGuideOf(settings: Project, destination: TypedConfig): Promise<{ styleGuide?: string }> {
    const adapter = integrations.destination(destination.type);
    const styleGuide = await firstFile(
      settings.drafting.styleGuide ? [settings.drafting.styleGuide] : ['AGENTS.md', 'STYLE.md'],
      (path) => adapter.readFile(destination, path),
    );
    return styleGuide ? { styleGuide } : {};
  }

  /**
   * The destination a publish (or its undoing) goes to and what it is handed: the only destination with every
   * edit, or the one at `destination` with its own edits, still the type the suggestion was drafted for.
   */
  async function publishing(input: PublishInput): Promise<{ destination: TypedConfig; request: PublishRequest }> {
    const { destinations } = await project(input.projectId);
    const suggestion = await findSuggestion(db, input.suggestionId);
    if (!suggestion) throw new AppError('not_found', `suggestion ${input.suggestionId} is missing`);
    const position = input.destination ?? 0;
    const destination = destinations[position];
    const drafted = suggestion.destinations;
    if (
      !destination ||
      (drafted && (drafted.length !== destinations.length || drafted[position]?.type !== destination.type))
    )
      throw new AppError(
        'invalid_destination',
        `the project's destinations changed since the suggestion was drafted (destination ${position} was ${drafted?.[position]?.type ?? 'absent'}); request changes to draft again`,
      );
    const edits = input.destination === undefined ? suggestion.edits : editsFor(suggestion, position);
    const run = await findRun(db, input.runId);
    const source = run?.source as TypedConfig | undefined;
    const sources =
      source?.type === 'batch' ? batchMembers(source as BatchSource, (type) => integrations.source(type)) : [];
    const { title, body } = publishMessage({ ...suggestion, edits }, input.sourceLabel, sources);
    const reviewers = run?.suggested_reviewers as SuggestedReviewer[] | null;
    const pageVersions = pageVersionsAt(suggestion, position);
    return {
      destination,
      request: {
        runId: input.runId,
        suggestionId: suggestion.id,
        title,
        body,
        edits,
        timestamp: input.timestamp,
        sourceLabel: input.sourceLabel,
        sourceMerged: input.sourceMerged,
        ...(reviewers?.length ? { reviewers } : {}),
        ...(pageVersions ? { pageVersions } : {}),
      },
    };
  }

  return withFailureTypes({
    ...projectTaskActivities({ db, integrations }),
    ...docsPRActivities({ db, integrations }),
    ...backfillActivities({ db, integrations }),
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
      const settings = await project(input.projectId);
      const change = await findChangeContext(db, input.contextId);
      if (!change) throw new AppError('not_found', `change context ${input.contextId} is missing`);
      const projectFeedback = await recentFeedback(db, input.projectId);
      // Each destination is drafted from its own pages, one after another.
      const drafts: DestinationDraft[] = [];
      for (const destination of settings.destinations) {
        const docs = await integrations.destination(destination.type).readDocs(destination);
        const draft = await drafter.draft({
          change,
          docs: docs.pages,
          ...(docs.siteFiles?.length ? { siteFiles: docs.siteFiles } : {}),
          feedback: input.feedback,
          projectFeedback,
          ...(typeof destination.docsDir === 'string' ? { docsDir: destination.docsDir } : {}),
          ...(await styleGuideOf(settings, destination)),
        });
        drafts.push({ type: destination.type, draft, docs });
      }
      const several = drafts.length > 1 ? combineDrafts(drafts) : undefined;
      const draft = several?.draft ?? drafts[0]!.draft;
      const confidence = confidenceOf(draft);
      const suggestionId = `sug_${input.runId}_${input.execution.slice(0, 8)}_${input.revision}`;
      const pages = [...new Set(draft.edits.map((e) => e.path))];
      // The versions the edited pages were read at go with the suggestion: publishing refuses a page that moved since.
      await saveSuggestion(
        db,
        suggestionId,
        input.runId,
        input.revision,
        input.feedback,
        { ...draft, confidence },
        several ? undefined : versionsOfEdited(drafts[0]!.docs, pages),
        several?.destinations,
      );
      let codeOwners: string[] | undefined;
      for (const [i, destination] of settings.destinations.entries()) {
        const paths = [...new Set(editsFor(draft, i).map((e) => e.path))];
        const adapter = integrations.destination(destination.type);
        if (paths.length && adapter.codeOwners)
          codeOwners = [...new Set([...(codeOwners ?? []), ...(await adapter.codeOwners(destination, paths))])];
      }
      await saveSuggestedReviewers(
        db,
        input.runId,
        suggestReviewers({
          ...(settings.reviewers ? { project: settings.reviewers } : {}),
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
        ...(several
          ? {
              destinations: drafts.flatMap((d, position) => (d.draft.edits.length ? [{ position, type: d.type }] : [])),
            }
          : {}),
      };
    },

    async publishSuggestion(input: PublishInput): Promise<PublishResult> {
      const { destination, request } = await publishing(input);
      const { limits } = await project(input.projectId);
      const audit = (outcome: 'success' | 'failure') =>
        appendAudit(db, {
          actor: 'docflow-worker',
          action: 'run.publish',
          target: `${input.runId} → ${destination.type}`,
          outcome,
        });
      const published = await publishTracked(input.projectId, limits, destination, request).catch(async (error) => {
        await audit('failure');
        throw error;
      });
      await audit('success');
      return published;
    },

    /** Undoes one destination's publish of the run's suggestion (another destination failed for good); idempotent. */
    async unpublishSuggestion(input: PublishInput & { destination: number; result: PublishResult }): Promise<string> {
      const { destination, request } = await publishing(input);
      const adapter = integrations.destination(destination.type);
      if (!adapter.unpublish)
        throw new AppError('not_implemented', `destinations of type ${destination.type} cannot undo a publish`);
      const undone = await adapter.unpublish(destination, input.result, request);
      await appendAudit(db, {
        actor: 'docflow-worker',
        action: 'run.unpublish',
        target: `${input.runId} → ${destination.type}`,
        outcome: 'success',
      });
      return undone;
    },

    async markDocsReady(input: { projectId: string; runId: string }): Promise<string> {
      const outcomes: string[] = [];
      for (const destination of (await project(input.projectId)).destinations) {
        const adapter = integrations.destination(destination.type);
        const outcome = adapter.markReady ? await adapter.markReady(destination, input.runId) : 'not_draft';
        if (outcome === 'marked')
          await appendAudit(db, {
            actor: 'docflow-worker',
            action: 'run.mark_ready',
            target: input.runId,
            outcome: 'success',
          });
        outcomes.push(outcome);
      }
      return outcomes.join(', ');
    },

    /** Empties the webhook deliveries kept for replay that were received longer ago than the retention. */
    async purgeKeptDeliveries(input: { retentionMs: number }): Promise<{ purged: number }> {
      return { purged: await purgeKeptDeliveries(db, new Date(Date.now() - input.retentionMs)) };
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
