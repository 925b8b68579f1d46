import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import type { Project } from '../core/project.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { WebhookRequest } from '../integrations/contract.js';
import type { ReviewDecision } from '../workflows/messages.js';
import { abortRunsUsing } from './abort-runs.js';
import { openBatch } from './batch-changes.js';
import { approveEdited, type EditedText } from './approve-edited.js';
import { handleWebhook } from './handle-webhook.js';
import { reviewRun } from './review-run.js';
import type { RunsDeps } from './runs-deps.js';
import {
  checkDocsPRsNow,
  ensureProjectSchedules,
  pauseProjectSchedulesUsing,
  removeProjectSchedules,
  runProjectTasksNow,
} from './project-schedules.js';
import { ensureSchedules, removeSchedules, type ScheduledConnection } from './schedules.js';
import { startBackfill, type BackfillRequest } from './start-backfill.js';
import { replayDeliveries, type ReplayRequest } from './replay-deliveries.js';
import { deliveryPurgeScheduleId, ensureDeliveryPurge } from './delivery-purge-schedule.js';
import { startRun, type StartRunRequest } from './start-run.js';
import { updateRunSource } from './update-run-source.js';

/**
 * Everything that talks to Temporal goes through here: starting runs, delivering decisions and new
 * sources, receiving webhooks, aborting runs, and the schedules connections need.
 */
export function createRunsService(deps: RunsDeps) {
  const { client } = deps.temporal;
  return {
    namespace: deps.temporal.namespace,
    start: (request: StartRunRequest) => startRun(deps, request),
    review: (actor: ApiKeyIdentity, runId: string, decision: ReviewDecision) => reviewRun(deps, actor, runId, decision),
    /** Approve with some edits' text changed by the reviewer: a new revision, validated like a draft. */
    approveEdited: (
      actor: ApiKeyIdentity,
      runId: string,
      expectedSuggestionId: string | undefined,
      changes: EditedText[],
    ) => approveEdited(deps, actor, runId, expectedSuggestionId, changes),
    updateSource: (runId: string, source: TypedConfig) => updateRunSource(deps, runId, source),
    receiveWebhook: (provider: string, request: WebhookRequest) => handleWebhook(deps, provider, request),
    abortRunsUsing: (integrationId: string, provider: string) => abortRunsUsing(deps, integrationId, provider),
    ensureSchedules: (connection: ScheduledConnection) => ensureSchedules(deps, connection),
    removeSchedules: (connection: ScheduledConnection) => removeSchedules(deps, connection),
    /** The schedules of the recurring tasks a project's triggers ask for (a ticket sweep), kept in step with its settings. */
    ensureProjectSchedules: (project: Project, previous?: Project) => ensureProjectSchedules(deps, project, previous),
    removeProjectSchedules: (project: Project) => removeProjectSchedules(deps, project),
    pauseProjectSchedulesUsing: (integrationId: string) => pauseProjectSchedulesUsing(deps, integrationId),
    runProjectTasksNow: (project: Project) => runProjectTasksNow(deps, project),
    /** Checks the project's open docs PRs now (closed, expired, stale) and answers what it did. */
    checkDocsPRsNow: (project: Project) => checkDocsPRsNow(deps, project),
    /** A backfill of the project's triggers over a past window (a dry run, or capped runs). */
    startBackfill: (request: BackfillRequest) => startBackfill(deps, request),
    /** The project's kept webhook deliveries planned again against another config, beside what they led to; changes nothing. */
    replayDeliveries: (request: ReplayRequest) => replayDeliveries(deps, request),
    /** The deployment's schedule purging kept webhook deliveries past DOCFLOW_DELIVERY_RETENTION; safe to call at every start. */
    ensureDeliveryPurge: () => ensureDeliveryPurge(deps),
    deliveryPurgeScheduleId: () => deliveryPurgeScheduleId(deps),
    /** The changes a batching project has collected and when they run; undefined when no batch is open. */
    openBatch: (project: Project) => openBatch(deps, project),
    /** Throws when Temporal does not answer within two seconds (readiness). */
    ping: () => client.connection.withDeadline(Date.now() + 2000, () => client.workflowService.getSystemInfo({})),
  };
}

export type RunsService = ReturnType<typeof createRunsService>;
