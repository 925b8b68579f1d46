import type { TypedConfig } from '../core/typed-config.js';
import type { TriggerCommand } from '../integrations/contract.js';
import type { Integrations } from '../integrations/integrations.js';
import { runIdFor } from './run-ids.js';

/**
 * What one planned command does to a project, in a form that can be kept and compared: the commands of a
 * delivery as they ran then, and as a changed config would plan them now (`docflow replay`).
 */
export type DeliveryEffect =
  | { kind: 'start'; projectId: string; runId: string; trigger: string; source: string }
  | { kind: 'update'; projectId: string; runId: string; trigger: string; source: string }
  | { kind: 'close'; projectId: string; runId: string; merged: boolean }
  | {
      kind: 'skip';
      projectId: string;
      trigger: string;
      source: string;
      reason: string;
      message: string;
      runId?: string;
    }
  | { kind: 'join_window'; projectId: string; task: string; windowMs: number }
  | { kind: 'review'; projectId: string; runId: string; action: string }
  | { kind: 'docs_pr_closed'; projectId: string; runId: string; merged: boolean }
  /** A batching project's change goes to its open batch instead of a run of its own. */
  | { kind: 'batch'; projectId: string; change: string; action: 'add' | 'update' | 'withdraw' | 'nothing' };

/**
 * `runId`: the run a skip recorded (its id is not derived from the change); `batching`: the project has `batch`,
 * so its changes join the open batch (`runs/batch-changes.ts`).
 */
export function effectOf(
  integrations: Integrations,
  command: TriggerCommand,
  runId?: string,
  batching = false,
): DeliveryEffect {
  const { projectId } = command;
  if (batching && ['start_or_update', 'update_if_running', 'source_closed'].includes(command.kind)) {
    const change = (command as { workflowKey: string }).workflowKey;
    const action =
      command.kind === 'start_or_update'
        ? 'add'
        : command.kind === 'update_if_running'
          ? 'update'
          : command.kind === 'source_closed' && !command.merged
            ? 'withdraw'
            : 'nothing';
    return { kind: 'batch', projectId, change, action };
  }
  switch (command.kind) {
    case 'start_or_update':
    case 'update_if_running':
      return {
        kind: command.kind === 'start_or_update' ? 'start' : 'update',
        projectId,
        runId: runIdFor(projectId, command.workflowKey),
        trigger: command.trigger,
        source: describe(integrations, command.source),
      };
    case 'source_closed':
      return { kind: 'close', projectId, runId: runIdFor(projectId, command.workflowKey), merged: command.merged };
    case 'skip':
      return {
        kind: 'skip',
        projectId,
        trigger: command.trigger,
        source: describe(integrations, command.source),
        reason: command.reason,
        message: command.message,
        ...(runId ? { runId } : {}),
      };
    case 'run_project_task':
      return { kind: 'join_window', projectId, task: command.task, windowMs: command.windowMs };
    case 'review':
      return { kind: 'review', projectId, runId: command.runId, action: command.decision.action };
    case 'docs_pr_closed':
      return { kind: 'docs_pr_closed', projectId, runId: command.runId, merged: command.merged };
  }
}

function describe(integrations: Integrations, source: TypedConfig): string {
  try {
    return integrations.source(source.type).describeSource(source);
  } catch {
    return source.type;
  }
}

/** What of an effect a changed config can change: the run id of a skip is new each time, so it is left out. */
export function effectKey(effect: DeliveryEffect): string {
  if (effect.kind === 'skip') return JSON.stringify([effect.kind, effect.trigger, effect.source, effect.reason]);
  return JSON.stringify(effect);
}

/** One line for people: `start or update run_… (acme/app#12)`, `skip acme/app#13: draft_pull_request (…)`. */
export function describeEffect(effect: DeliveryEffect): string {
  switch (effect.kind) {
    case 'start':
      return `start or update ${effect.runId} (${effect.source})`;
    case 'update':
      return `update ${effect.runId} if running (${effect.source})`;
    case 'close':
      return `close ${effect.runId}${effect.merged ? ' (merged)' : ''}`;
    case 'skip':
      return `skip ${effect.source}: ${effect.reason} (${effect.message})`;
    case 'join_window':
      return `join the ${effect.task} window (${Math.round(effect.windowMs / 60_000)}m)`;
    case 'review':
      return `review ${effect.runId}: ${effect.action}`;
    case 'docs_pr_closed':
      return `docs PR of ${effect.runId} ${effect.merged ? 'merged' : 'closed'}`;
    case 'batch':
      return effect.action === 'nothing'
        ? `nothing for ${effect.change} (batching)`
        : `${effect.action} ${effect.change} ${{ add: 'to', update: 'in', withdraw: 'from' }[effect.action]} the open batch`;
  }
}
