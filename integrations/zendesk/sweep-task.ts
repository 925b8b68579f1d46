import { createHash } from 'node:crypto';
import type { ProjectTask, SupportSource, TriggerCommand } from '../contract.js';
import { groupTickets } from './group-tickets.js';
import { zendeskSweepSchema, zendeskTriggerSchema, type ZendeskTrigger } from './schemas.js';

/**
 * The scheduled sweep (`zendesk-sweep-<project id>`): tickets changed since the cursor, grouped by
 * topic, one run per group (with `minTickets` of them, at most `maxRuns`), whose source is the
 * tickets pinned to the update that was read. The run key is a digest of those ticket updates:
 * the same sweep planned again plans the same runs, and a ticket solved again is a new run.
 */
export function zendeskSweepTask(support: SupportSource<ZendeskTrigger>): ProjectTask {
  return {
    name: 'sweep',
    every: (trigger) =>
      trigger.type === 'zendesk' && trigger.sweep ? zendeskSweepSchema.parse(trigger.sweep).every : undefined,
    async run(project, entry, cursor) {
      const trigger = zendeskTriggerSchema.parse(entry);
      const settings = zendeskSweepSchema.parse(trigger.sweep ?? {});
      const swept = await support.sweep(trigger, cursor);
      const skipped: Record<string, number> = {};
      const skip = (reason: string, n = 1) => (skipped[reason] = (skipped[reason] ?? 0) + n);
      for (const s of swept.skipped) skip(s.reason);
      const groups = groupTickets(swept.threads);
      const commands: TriggerCommand[] = [];
      for (const group of groups) {
        if (group.threads.length < settings.minTickets) {
          skip('below_min_tickets', group.threads.length);
          continue;
        }
        if (commands.length >= settings.maxRuns) {
          skip('run_cap', group.threads.length);
          continue;
        }
        const tickets = group.threads
          .map((t) => ({ id: Number(t.id), updatedAt: t.updatedAt, ...(t.url ? { url: t.url } : {}) }))
          .sort((a, b) => a.id - b.id);
        const digest = createHash('sha256')
          .update(tickets.map((t) => `${t.id}@${t.updatedAt}`).join(','))
          .digest('hex')
          .slice(0, 32);
        commands.push({
          kind: 'start_or_update',
          projectId: project.id,
          workflowKey: `zendesk:${trigger.integrationId}:sweep:${digest}`,
          source: { type: 'zendesk', integrationId: trigger.integrationId, tickets },
          trigger: 'zendesk.sweep',
          ...(group.terms.length ? { note: `Tickets about ${group.terms.map((t) => `\`${t}\``).join(', ')}` } : {}),
        });
      }
      return {
        commands,
        cursor: swept.cursor,
        counts: {
          read: swept.read,
          analysed: swept.threads.length,
          grouped: groups.length,
          runsPlanned: commands.length,
          skipped,
        },
      };
    },
  };
}
