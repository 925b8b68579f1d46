import type { ProjectTask, SupportSource } from '../contract.js';
import { planSupportRuns } from '../kit/support/plan-support-runs.js';
import { ticketPath } from './source.js';
import { zendeskSweepSchema, zendeskTriggerSchema, type ZendeskTrigger } from './schemas.js';

/** The scheduled sweep (`zendesk-sweep-<project id>`): tickets changed since the cursor, planned as support runs. */
export function zendeskSweepTask(support: SupportSource<ZendeskTrigger>): ProjectTask {
  return {
    name: 'sweep',
    every: (trigger) =>
      trigger.type === 'zendesk' && trigger.sweep ? zendeskSweepSchema.parse(trigger.sweep).every : undefined,
    async run(project, entry, cursor, tools) {
      const trigger = zendeskTriggerSchema.parse(entry);
      const settings = zendeskSweepSchema.parse(trigger.sweep ?? {});
      const swept = await support.sweep(trigger, cursor);
      return planSupportRuns(
        project,
        {
          kind: 'ticket',
          trigger: 'zendesk.sweep',
          integrationId: trigger.integrationId,
          pathOf: ticketPath,
          sourceOf: (threads) => ({
            type: 'zendesk',
            integrationId: trigger.integrationId,
            tickets: threads.map((t) => ({
              id: Number(t.id),
              updatedAt: t.updatedAt,
              ...(t.url ? { url: t.url } : {}),
            })),
          }),
          minThreads: settings.minTickets,
          maxRuns: settings.maxRuns,
        },
        swept,
        tools,
      );
    },
  };
}
