import { redactPersonalData } from '../kit/personal-data.js';
import type { SupportThread } from '../contract.js';
import type { ZendeskApi } from './http.js';

export interface ZendeskTicket {
  id: number;
  subject?: string | null;
  status: string;
  tags?: string[];
  brand_id?: number | null;
  requester_id?: number | null;
  updated_at: string;
}

interface ZendeskComment {
  id: number;
  public: boolean;
  body?: string;
  plain_body?: string;
  author_id?: number;
  created_at?: string;
}

interface ZendeskUser {
  id: number;
  name?: string;
  email?: string;
}

/** Where agents see the ticket (the API's `url` field is the JSON resource). */
export const ticketUrl = (api: ZendeskApi, id: number) => `${api.baseUrl}/agent/tickets/${id}`;

/** Every public comment of a ticket, oldest first, with the users they name (cursor pagination, 100 a page). */
async function publicComments(api: ZendeskApi, ticketId: number) {
  const comments: ZendeskComment[] = [];
  const users: ZendeskUser[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const body = await api.get<{
      comments: ZendeskComment[];
      users?: ZendeskUser[];
      meta?: { has_more?: boolean; after_cursor?: string | null };
    }>(`/api/v2/tickets/${ticketId}/comments.json`, {
      'page[size]': 100,
      'page[after]': after,
      include: 'users',
      sort_order: 'asc',
    });
    comments.push(...body.comments.filter((c) => c.public));
    users.push(...(body.users ?? []));
    if (!body.meta?.has_more || !body.meta.after_cursor) break;
    after = body.meta.after_cursor;
  }
  return { comments, users };
}

/**
 * A ticket as docflow may keep it: subject and public comments only (internal notes are never
 * read), with personal data removed, including the names of everyone on the ticket.
 */
export async function readThread(api: ZendeskApi, ticket: ZendeskTicket): Promise<SupportThread> {
  const { comments, users } = await publicComments(api, ticket.id);
  const names = users.flatMap((u) => [u.name ?? '', u.email ?? '']).filter(Boolean);
  const roleOf = (authorId: number | undefined) => (authorId === ticket.requester_id ? 'asker' : 'answerer');
  const clean = (text: string) => redactPersonalData(text, { names }).text;
  return {
    id: String(ticket.id),
    url: ticketUrl(api, ticket.id),
    subject: clean(ticket.subject ?? ''),
    messages: comments.map((c) => ({
      role: roleOf(c.author_id),
      text: clean(c.plain_body ?? c.body ?? ''),
      ref: String(c.id),
    })),
    updatedAt: ticket.updated_at,
  };
}

export async function readTicket(api: ZendeskApi, id: number): Promise<ZendeskTicket> {
  return (await api.get<{ ticket: ZendeskTicket }>(`/api/v2/tickets/${id}.json`)).ticket;
}

export interface ExportPage {
  tickets: ZendeskTicket[];
  cursor: string | undefined;
  endOfStream: boolean;
}

/** One page of the cursor-based incremental export: from `start_time` (epoch seconds) on the first call, then `cursor`. */
export async function exportPage(
  api: ZendeskApi,
  from: { cursor: string } | { startTime: number },
): Promise<ExportPage> {
  const body = await api.get<{ tickets: ZendeskTicket[]; after_cursor?: string | null; end_of_stream?: boolean }>(
    '/api/v2/incremental/tickets/cursor.json',
    'cursor' in from ? { cursor: from.cursor, per_page: 100 } : { start_time: from.startTime, per_page: 100 },
  );
  return { tickets: body.tickets, cursor: body.after_cursor ?? undefined, endOfStream: body.end_of_stream === true };
}
