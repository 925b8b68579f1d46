import { WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { Request } from 'express';
import { claimDelivery, completeDelivery, findIntegration, releaseDelivery } from '../db/repositories/integrations.js';
import { appendAudit } from '../db/repositories/audit.js';
import { listProjects } from '../db/repositories/projects.js';
import { insertRunIfAbsent, insertSkippedRun } from '../db/repositories/runs.js';
import { AppError } from '../domain/errors.js';
import { newId, stableId } from '../domain/ids.js';
import type { Project } from '../domain/project.js';
import type { TriggerCommand } from '../integrations/types.js';
import { sourceClosedSignal, sourceUpdatedSignal, workflowType } from '../workflows/messages.js';
import type { ApiDeps } from './deps.js';
import { runStartOptions } from './run-start-options.js';

export interface WebhookResult {
  status: 200 | 202;
  body: { delivery?: string; duplicate?: boolean; actions: string[] };
}

/** The run of one (project, change): events for the same pull request always reach the same workflow. */
export const runIdFor = (projectId: string, workflowKey: string) => stableId('run', projectId, workflowKey);

/**
 * Verify → record → start/signal → answer. Fails closed: an unknown integration is 404 and a bad
 * signature 401 before the body is even parsed. A delivery id seen before starts nothing.
 */
export async function handleWebhook(deps: ApiDeps, provider: string, integrationId: string, req: Request, rawBody: Buffer): Promise<WebhookResult> {
  const integration = await findIntegration(deps.db, integrationId);
  if (!integration || integration.provider !== provider) throw new AppError('not_found', `no ${provider} integration ${integrationId}`);
  const adapter = deps.integrations.webhook(provider);
  await adapter.verify(integrationId, req, rawBody);
  const delivery = adapter.delivery(req);

  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('invalid_request', 'webhook body is not valid JSON');
  }
  if (!(await claimDelivery(deps.db, integrationId, delivery.id, delivery.event))) {
    return { status: 200, body: { delivery: delivery.id, duplicate: true, actions: [] } };
  }
  try {
    const projects = await listProjects(deps.db);
    const commands = await adapter.plan(integrationId, delivery.event, payload, projects);
    const byId = new Map(projects.map((p) => [p.id, p]));
    const actions: string[] = [];
    // Webhook runs are audited like API ones; the actor is the verified sender of the delivery.
    const audit = (action: string, target: string) =>
      appendAudit(deps.db, { actor: `webhook:${provider}:${integrationId}`, action, target, requestId: String(req.id), sourceIp: req.ip, outcome: 'success' });
    for (const command of commands) actions.push(await execute(deps, byId, command, audit));
    await completeDelivery(deps.db, integrationId, delivery.id, actions.length ? 'handled' : 'ignored', actions.join('; ') || undefined);
    return { status: actions.length ? 202 : 200, body: { delivery: delivery.id, actions } };
  } catch (error) {
    // Forget the delivery so that a redelivery of it is processed rather than deduplicated.
    await releaseDelivery(deps.db, integrationId, delivery.id);
    throw error;
  }
}

async function execute(deps: ApiDeps, projects: Map<string, Project>, command: TriggerCommand, audit: (action: string, target: string) => Promise<void>): Promise<string> {
  const { client, taskQueue } = deps.temporal;
  if (command.kind === 'skip') {
    const id = newId('run');
    await insertSkippedRun(deps.db, { id, projectId: command.projectId, trigger: command.trigger, source: command.source, reason: command.reason, message: command.message });
    return `skipped ${id} (${command.reason})`;
  }
  const runId = runIdFor(command.projectId, command.workflowKey);
  if (command.kind === 'start_or_update') {
    const project = projects.get(command.projectId);
    if (!project) return `project ${command.projectId} is gone`;
    const sourceLabel = deps.integrations.source(command.source.type).describeSource(command.source);
    const created = await insertRunIfAbsent(deps.db, { id: runId, projectId: project.id, trigger: command.trigger, source: command.source, note: command.note });
    await client.workflow.signalWithStart(workflowType, {
      workflowId: runId,
      taskQueue,
      signal: sourceUpdatedSignal,
      signalArgs: [command.source],
      ...runStartOptions(project, { id: runId, trigger: command.trigger, source: command.source, sourceLabel, sourceMerged: command.sourceMerged }),
    });
    await audit(created ? 'run.start' : 'run.source_updated', runId);
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
    await client.workflow.start('sourceMergedWorkflow', {
      workflowId: `${runId}-merged`,
      taskQueue,
      args: [{ projectId: command.projectId, runId }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
    return `marking ${runId} ready`;
  }
}
