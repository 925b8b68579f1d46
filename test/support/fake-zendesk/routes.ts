import { decodeCursor, encodeCursor, type FakeTicket, type FakeZendeskState } from './state.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const invalid = (description: string): Reply => ({ status: 400, body: { error: 'InvalidValue', description } });
const notFound: Reply = { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const order = (a: FakeTicket, b: FakeTicket) => seconds(a.updated_at) - seconds(b.updated_at) || a.id - b.id;

const ticketJson = ({ comments: _comments, ...ticket }: FakeTicket, url: string) => ({
  ...ticket,
  url: `${url}/api/v2/tickets/${ticket.id}.json`,
  // Zendesk puts the first comment in `description`; docflow must not rely on it (it may be private data).
  description: _comments[0]?.body ?? '',
});

function allowedQuery(query: URLSearchParams, allowed: string[]): Reply | undefined {
  const unknown = [...query.keys()].filter((k) => !allowed.includes(k));
  return unknown.length ? invalid(`unknown parameter(s): ${unknown.join(', ')}`) : undefined;
}

/** `GET /api/v2/incremental/tickets/cursor.json`: `start_time` (epoch seconds, older than a minute) or `cursor`, never both. */
export function incrementalTickets(state: FakeZendeskState, query: URLSearchParams, url: string, now: number): Reply {
  const refused = allowedQuery(query, ['start_time', 'cursor', 'per_page', 'include', 'exclude_deleted']);
  if (refused) return refused;
  const perPage = Number(query.get('per_page') ?? 1000);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 1000) return invalid('per_page must be 1..1000');
  const startTime = query.get('start_time');
  const cursor = query.get('cursor');
  if ((startTime === null) === (cursor === null)) return invalid('give exactly one of start_time or cursor');
  let after: { t: number; id: number };
  if (startTime !== null) {
    if (!/^\d+$/.test(startTime)) return invalid('start_time must be an epoch time in seconds');
    if (Number(startTime) > now / 1000 - 60)
      return invalid('Too recent start_time. Use a start_time older than a minute');
    after = { t: Number(startTime), id: 0 };
  } else {
    const decoded = decodeCursor(cursor!);
    if (!decoded) return invalid('cursor is not valid');
    after = decoded;
  }
  const remaining = [...state.tickets]
    .sort(order)
    .filter((t) => seconds(t.updated_at) > after.t || (seconds(t.updated_at) === after.t && t.id > after.id));
  const page = remaining.slice(0, perPage);
  const last = page.at(-1);
  const next = last ? { t: seconds(last.updated_at), id: last.id } : after;
  const endOfStream = remaining.length <= perPage;
  return {
    status: 200,
    body: {
      tickets: page.map((t) => ticketJson(t, url)),
      after_cursor: encodeCursor(next),
      before_cursor: null,
      after_url: `${url}/api/v2/incremental/tickets/cursor.json?cursor=${encodeCursor(next)}`,
      end_of_stream: endOfStream,
    },
  };
}

export function showTicket(state: FakeZendeskState, id: number, url: string): Reply {
  const ticket = state.tickets.find((t) => t.id === id);
  return ticket ? { status: 200, body: { ticket: ticketJson(ticket, url) } } : notFound;
}

/** `GET /api/v2/tickets/{id}/comments.json` with cursor pagination (`page[size]` ≤ 100, `page[after]`) and `include=users`. */
export function ticketComments(state: FakeZendeskState, id: number, query: URLSearchParams, url: string): Reply {
  const refused = allowedQuery(query, ['page[size]', 'page[after]', 'include', 'sort_order', 'include_inline_images']);
  if (refused) return refused;
  const ticket = state.tickets.find((t) => t.id === id);
  if (!ticket) return notFound;
  const size = Number(query.get('page[size]') ?? 100);
  if (!Number.isInteger(size) || size < 1 || size > 100) return invalid('page[size] must be 1..100');
  const comments = query.get('sort_order') === 'desc' ? [...ticket.comments].reverse() : ticket.comments;
  const afterId = query.get('page[after]');
  const start = afterId
    ? comments.findIndex((c) => String(c.id) === Buffer.from(afterId, 'base64url').toString()) + 1
    : 0;
  if (afterId && start === 0) return invalid('page[after] is not a valid cursor');
  const page = comments.slice(start, start + size);
  const hasMore = start + size < comments.length;
  const afterCursor = page.length ? Buffer.from(String(page.at(-1)!.id)).toString('base64url') : null;
  const include = query.get('include')?.split(',') ?? [];
  const authors = new Set(page.map((c) => c.author_id));
  return {
    status: 200,
    body: {
      comments: page.map((c) => ({ ...c, type: 'Comment', plain_body: c.body, html_body: `<p>${c.body}</p>` })),
      ...(include.includes('users') ? { users: state.users.filter((u) => authors.has(u.id)) } : {}),
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: {
        next: hasMore
          ? `${url}/api/v2/tickets/${id}/comments.json?page[size]=${size}&page[after]=${afterCursor}`
          : null,
        prev: null,
      },
    },
  };
}
