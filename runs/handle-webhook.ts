import { WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import { claimDelivery, completeDelivery, findIntegration, releaseDelivery } from '../db/repositories/integrations.js';
import { appendAudit } from '../db/repositories/audit.js';
import { listProjectsNaming } from '../db/repositories/projects.js';
import { insertRunIfAbsent, insertSkippedRun } from '../db/repositories/runs.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Project } from '../core/project.js';
import type { TriggerCommand, WebhookRequest, WebhookRun } from '../integrations/contract.js';
import { sourceClosedSignal, sourceUpdatedSignal, workflowTypes } from '../workflows/messages.js';
import type { RunsDeps } from './runs-deps.js';
import { runStartOptions } from './run-start-options.js';
import { reviewFromProvider } from './review-from-provider.js';
import { runProjectTaskAfterWindow } from './project-schedules.js';
import { docsPRClosed } from './docs-pr-closed.js';
import { effectOf, type DeliveryEffect } from './delivery-effects.js';
import { sealEffects, sealRequest } from './kept-delivery.js';
import { runIdFor } from './run-ids.js';
import { addToBatch, signalOpenBatch } from './batch-changes.js';

export interface WebhookResult {
  status: number;
  body: unknown;
  /** What the delivery came to, for metrics: it started or signalled something, was seen before, or asked for nothing. */
  outcome: 'handled' | 'duplicate' | 'ignored';
}

export { runIdFor };

/**
 * Verify → record → start/signal → answer. Fails closed: an unknown integration is 404 and a bad
 * signature 401 before the body is even parsed (the receiver checks it first). A delivery id seen
 * before starts nothing. A verified delivery is kept, sealed, with its claim (and what it led to once
 * its commands ran) while `deliveryRetentionMs` is not 0, for `docflow replay`.
 */
export async function handleWebhook(deps: RunsDeps, provider: string, request: WebhookRequest): Promise<WebhookResult> {
  const { integrationId } = request;
  const integration = await findIntegration(deps.db, integrationId);
  if (!integration || integration.provider !== provider)
    throw new AppError('not_found', `no ${provider} integration ${integrationId}`);
  // Only the projects that name this connection: no other can be planned for by its deliveries.
  let projects: Project[] | undefined;
  const loadProjects = async () => (projects ??= await listProjectsNaming(deps.db, integrationId));
  const receivedAt = new Date();
  const received = await deps.integrations
    .webhook(provider)
    .receive({ ...request, connection: integration }, loadProjects);
  const { delivery } = received;
  const keep = deps.deliveryRetentionMs > 0;
  const kept = keep
    ? { receivedAt, sealedRequest: sealRequest(deps.secrets, request.headers, request.rawBody) }
    : undefined;
  if (!(await claimDelivery(deps.db, integrationId, delivery.id, delivery.event, kept))) {
    return { status: 200, body: { delivery: delivery.id, duplicate: true, actions: [] }, outcome: 'duplicate' };
  }
  try {
    const byId = new Map((await loadProjects()).map((p) => [p.id, p]));
    const actions: string[] = [];
    // Webhook runs are audited like API ones; the actor is the verified sender of the delivery (or the reviewer it names).
    const audit = (action: string, target: string, actor = `webhook:${provider}:${integrationId}`) =>
      appendAudit(deps.db, {
        actor,
        action,
        target,
        requestId: request.requestId,
        sourceIp: request.sourceIp,
        outcome: 'success',
      });
    const runs: WebhookRun[] = [];
    const effects: DeliveryEffect[] = [];
    for (const command of received.commands) {
      const skippedRun = newId('run');
      actions.push(await execute(deps, provider, byId, command, audit, runs, skippedRun));
      effects.push(
        effectOf(
          deps.integrations,
          command,
          command.kind === 'skip' ? skippedRun : undefined,
          Boolean(byId.get(command.projectId)?.batch),
        ),
      );
    }
    await completeDelivery(
      deps.db,
      integrationId,
      delivery.id,
      actions.length ? 'handled' : 'ignored',
      actions.join('; ') || undefined,
      keep ? sealEffects(deps.secrets, effects) : undefined,
    );
    // Not awaited: some senders count a reply slower than 3 s as a failed delivery.
    if (received.acknowledge && runs.length) {
      void received
        .acknowledge(runs)
        .catch((error: unknown) =>
          deps.logger?.warn({ err: error, delivery: delivery.id }, 'could not acknowledge the webhook to its sender'),
        );
    }
    const outcome = actions.length ? 'handled' : 'ignored';
    if (received.reply) return { ...received.reply, outcome };
    return { status: actions.length ? 202 : 200, body: { delivery: delivery.id, actions }, outcome };
  } catch (error) {
    // Forget the delivery so that a redelivery of it is processed rather than deduplicated.
    await releaseDelivery(deps.db, integrationId, delivery.id);
    throw error;
  }
}

async function execute(
  deps: RunsDeps,
  provider: string,
  projects: Map<string, Project>,
  command: TriggerCommand,
  audit: (action: string, target: string, actor?: string) => Promise<void>,
  runs: WebhookRun[],
  /** The id a `skip` command's run is recorded under. */
  skippedRun: string,
): Promise<string> {
  const { client, taskQueue } = deps.temporal;
  if (command.kind === 'skip') {
    const id = skippedRun;
    await insertSkippedRun(deps.db, {
      id,
      projectId: command.projectId,
      trigger: command.trigger,
      source: command.source,
      reason: command.reason,
      message: command.message,
    });
    return `skipped ${id} (${command.reason})`;
  }
  if (command.kind === 'review') return reviewFromProvider(deps, command, audit);
  if (command.kind === 'run_project_task') return runProjectTaskAfterWindow(deps, provider, command);
  if (command.kind === 'docs_pr_closed') return docsPRClosed(deps, command);
  const runId = runIdFor(command.projectId, command.workflowKey);
  const batched = projects.get(command.projectId);
  if (batched?.batch) {
    const project = { ...batched, batch: batched.batch };
    // A batching project's changes join its open batch instead of each starting a run.
    if (command.kind === 'source_closed')
      return command.merged
        ? `no run for ${command.workflowKey} while batching`
        : signalOpenBatch(deps, project, { withdraw: command.workflowKey });
    const change = {
      key: command.workflowKey,
      source: command.source,
      label: deps.integrations.source(command.source.type).describeSource(command.source),
      trigger: command.trigger,
      ...(command.kind === 'start_or_update' && command.note ? { note: command.note } : {}),
      ...(command.kind === 'start_or_update' && command.sourceMerged ? { sourceMerged: true } : {}),
    };
    if (command.kind === 'update_if_running') return signalOpenBatch(deps, project, { change });
    const outcome = await addToBatch(deps, project, change);
    await audit('run.batched', `${project.id} ${command.workflowKey}`);
    return outcome;
  }
  if (command.kind === 'start_or_update') {
    const project = projects.get(command.projectId);
    if (!project) return `project ${command.projectId} is gone`;
    const sourceLabel = deps.integrations.source(command.source.type).describeSource(command.source);
    const created = await insertRunIfAbsent(deps.db, {
      id: runId,
      projectId: project.id,
      trigger: command.trigger,
      source: command.source,
      note: command.note,
    });
    await client.workflow.signalWithStart(workflowTypes.docUpdate, {
      workflowId: runId,
      taskQueue,
      signal: sourceUpdatedSignal,
      signalArgs: [command.source],
      ...runStartOptions(project, {
        id: runId,
        trigger: command.trigger,
        source: command.source,
        sourceLabel,
        sourceMerged: command.sourceMerged,
      }),
    });
    await audit(created ? 'run.start' : 'run.source_updated', runId);
    runs.push({ projectId: project.id, runId, created });
    return `started or updated ${runId}`;
  }
  try {
    const handle = client.workflow.getHandle(runId);
    if (command.kind === 'update_if_running') await handle.signal(sourceUpdatedSignal, command.source);
    else await handle.signal(sourceClosedSignal, { merged: command.merged });
    return `signalled ${runId}`;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    if (command.kind !== 'source_closed' || !command.merged) return `no running ${runId}`;
    // The run finished before the merge: its draft docs update (if any) becomes ready for review.
    await client.workflow.start(workflowTypes.sourceMerged, {
      workflowId: `${runId}-merged`,
      taskQueue,
      args: [{ projectId: command.projectId, runId }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
    return `marking ${runId} ready`;
  }
}
