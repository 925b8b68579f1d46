import type { ProjectTask, SupportSource } from '../contract.js';
import { planSupportRuns } from '../kit/support/plan-support-runs.js';
import { conversationPath } from './source.js';
import { intercomSweepSchema, intercomTriggerSchema, type IntercomTrigger } from './schemas.js';

/** The scheduled sweep (`intercom-sweep-<project id>`): conversations closed since the cursor, planned as support runs. */
export function intercomSweepTask(support: SupportSource<IntercomTrigger>): ProjectTask {
  return {
    name: 'sweep',
    every: (trigger) =>
      trigger.type === 'intercom' && trigger.sweep ? intercomSweepSchema.parse(trigger.sweep).every : undefined,
    async run(project, entry, cursor, tools) {
      const trigger = intercomTriggerSchema.parse(entry);
      const settings = intercomSweepSchema.parse(trigger.sweep ?? {});
      const swept = await support.sweep(trigger, cursor);
      return planSupportRuns(
        project,
        {
          kind: 'conversation',
          trigger: 'intercom.sweep',
          integrationId: trigger.integrationId,
          pathOf: conversationPath,
          sourceOf: (threads) => ({
            type: 'intercom',
            integrationId: trigger.integrationId,
            conversations: threads.map((t) => ({ id: t.id, updatedAt: t.updatedAt, ...(t.url ? { url: t.url } : {}) })),
          }),
          minThreads: settings.minConversations,
          maxRuns: settings.maxRuns,
        },
        swept,
        tools,
      );
    },
  };
}
