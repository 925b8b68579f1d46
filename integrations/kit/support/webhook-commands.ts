import { parseDuration } from '../../../core/duration.js';
import type { Project } from '../../../core/project.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import type { TriggerCommand } from '../../contract.js';

/** A support provider's trigger entry as far as its webhook cares. */
interface SupportTrigger extends TypedConfig {
  integrationId: string;
  webhook: boolean;
  sweep?: { webhookWindow: string };
}

/**
 * What a support webhook's event (a solved ticket, a closed conversation) asks of each project listening on the
 * integration (`webhook: true`): with a sweep, the thread joins the sweep of the current grouping window (one
 * `run_project_task`, shared by every event of the window); without one, a run of its own.
 */
export function supportWebhookCommands(
  projects: Project[],
  of: { provider: string; integrationId: string; sweepWindow(trigger: SupportTrigger): string },
  run: { workflowKey: string; source: TypedConfig; trigger: string },
): TriggerCommand[] {
  return projects.flatMap((p) =>
    p.triggers
      .filter((t): t is SupportTrigger => t.type === of.provider && t.integrationId === of.integrationId)
      .filter((t) => t.webhook)
      .map((t): TriggerCommand =>
        t.sweep
          ? { kind: 'run_project_task', projectId: p.id, task: 'sweep', windowMs: parseDuration(of.sweepWindow(t))! }
          : { kind: 'start_or_update', projectId: p.id, ...run },
      ),
  );
}
