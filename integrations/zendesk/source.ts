import { AppError } from '../../core/errors.js';
import type { SourceAdapter, SupportThread } from '../contract.js';
import { supportChange } from '../kit/support/support-change.js';
import type { ZendeskClients } from './clients.js';
import { ZendeskHttpError, type ZendeskApi } from './http.js';
import { readThread, readTicket, ticketUrl } from './tickets.js';
import { zendeskSourceSchema, type ZendeskSource } from './schemas.js';

/** Each ticket becomes one "file" of the change, so drafters cite `zendesk/tickets/<id>` and its lines. */
export const ticketPath = (id: number | string) => `zendesk/tickets/${id}`;

const describe = (source: ZendeskSource) =>
  `Zendesk ticket${source.tickets.length > 1 ? 's' : ''} ${source.tickets.map((t) => `#${t.id}`).join(', ')}`;

async function ticketOrRefusal(api: ZendeskApi, id: number) {
  try {
    return await readTicket(api, id);
  } catch (error) {
    if (error instanceof ZendeskHttpError && (error.status === 404 || error.status === 403))
      throw new AppError('invalid_source', `Zendesk ticket ${id} cannot be read (HTTP ${error.status})`, [
        { path: 'tickets', message: `ticket ${id} answered ${error.status}` },
      ]);
    throw error;
  }
}

/** Tickets as a run's source: pinned to the update they were read at, gathered as redacted conversations. */
export function createZendeskSource(clients: ZendeskClients): SourceAdapter<ZendeskSource> {
  return {
    sourceSchema: zendeskSourceSchema,
    async validateSource(source) {
      const api = await clients.api(source.integrationId);
      const tickets = [];
      for (const { id } of source.tickets)
        tickets.push({ id, updatedAt: (await ticketOrRefusal(api, id)).updated_at, url: ticketUrl(api, id) });
      return { ...source, tickets };
    },
    async gatherContext(source) {
      const api = await clients.api(source.integrationId);
      const threads: SupportThread[] = [];
      for (const { id } of source.tickets) threads.push(await readThread(api, await ticketOrRefusal(api, id)));
      return { change: supportChange(describe(source), 'ticket', threads, ticketPath) };
    },
    describeSource: describe,
    sourceUrl: (source) => (source.tickets.length === 1 ? source.tickets[0]!.url : undefined),
    citationUrl: (source, citation) => source.tickets.find((t) => ticketPath(t.id) === citation.path)?.url,
  };
}
