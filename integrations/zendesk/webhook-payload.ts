import { z } from 'zod';

const id = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
const status = z
  .string()
  .transform((s) => s.toLowerCase())
  .optional();

/**
 * The bodies docflow understands: an event-subscription webhook (`zen:event-type:ticket.status_changed`,
 * the ticket in `detail`, its new status in `event.current`), or a trigger webhook whose JSON body
 * names `ticket_id` and `status` (the README gives the template).
 */
export const zendeskWebhookBody = z.union([
  z.object({
    type: z.string().startsWith('zen:event-type:ticket.'),
    time: z.string().optional(),
    detail: z.object({ id, status, updated_at: z.string().optional() }),
    event: z.object({ current: status }).optional(),
  }),
  z.object({ ticket_id: id, status, updated_at: z.string().optional() }),
]);

export interface SolvedTicket {
  id: number;
  status: string | undefined;
  /** When it was solved, so a ticket solved again is a new event; the invocation time when absent. */
  at: string | undefined;
}

export function solvedTicketOf(body: z.infer<typeof zendeskWebhookBody>): SolvedTicket {
  if ('detail' in body)
    return {
      id: body.detail.id,
      status: body.event?.current ?? body.detail.status,
      at: body.detail.updated_at ?? body.time,
    };
  return { id: body.ticket_id, status: body.status, at: body.updated_at };
}
