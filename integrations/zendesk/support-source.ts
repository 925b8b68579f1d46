import { parseDuration } from '../../core/duration.js';
import type { SupportSource, SupportThread } from '../contract.js';
import type { ZendeskClients } from './clients.js';
import { exportPage, readThread, type ZendeskTicket } from './tickets.js';
import { zendeskSweepSchema, type ZendeskTrigger } from './schemas.js';

/** Pages of the export one sweep reads at most (100 tickets each); the next sweep continues from the cursor. */
const maxPages = 5;

/** Why a ticket the export returned is not analysed, or undefined when it is. */
export function excluded(
  ticket: ZendeskTicket,
  sweep: ReturnType<typeof zendeskSweepSchema.parse>,
): string | undefined {
  const tags = ticket.tags ?? [];
  if (!sweep.statuses.includes(ticket.status as never)) return `status_${ticket.status}`;
  if (sweep.excludeTags.some((t) => tags.includes(t))) return 'excluded_tag';
  if (sweep.tags.length && !sweep.tags.some((t) => tags.includes(t))) return 'untagged';
  if (sweep.brandIds.length && !sweep.brandIds.includes(ticket.brand_id ?? -1)) return 'other_brand';
  return undefined;
}

/**
 * Tickets changed since the cursor through the cursor-based incremental export (the first sweep
 * starts `lookback` ago), filtered by the trigger's sweep settings, each read with its public
 * comments and redacted. The cursor returned is where the next sweep starts.
 */
export function zendeskSupportSource(clients: ZendeskClients, now = Date.now): SupportSource<ZendeskTrigger> {
  return {
    async sweep(trigger, cursor) {
      const sweep = zendeskSweepSchema.parse(trigger.sweep ?? {});
      const api = await clients.api(trigger.integrationId);
      // Zendesk refuses a start_time less than a minute in the past.
      const startTime = Math.floor((now() - parseDuration(sweep.lookback)!) / 1000) - 60;
      const threads: SupportThread[] = [];
      const skipped: { id: string; reason: string }[] = [];
      let next = cursor;
      let read = 0;
      for (let page = 0; page < maxPages; page++) {
        const result = await exportPage(api, next ? { cursor: next } : { startTime });
        read += result.tickets.length;
        for (const ticket of result.tickets) {
          const reason = excluded(ticket, sweep);
          if (reason) skipped.push({ id: String(ticket.id), reason });
          else threads.push(await readThread(api, ticket));
        }
        next = result.cursor ?? next;
        if (result.endOfStream) break;
      }
      return { threads, cursor: next ?? '', read, skipped };
    },
  };
}
