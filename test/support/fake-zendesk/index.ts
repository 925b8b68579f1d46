import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { incrementalTickets, showTicket, ticketComments, type Reply } from './routes.js';
import { newState, type FakeTicket, type FakeUser } from './state.js';

export interface TicketFixture {
  id: number;
  subject: string;
  status?: FakeTicket['status'];
  tags?: string[];
  brandId?: number;
  requester: { name: string; email: string };
  agent?: { name: string; email: string };
  /** Oldest first; `internal` comments are private notes. */
  comments: { from: 'requester' | 'agent'; body: string; internal?: boolean }[];
  updatedAt: string;
}

export interface FakeZendesk {
  url: string;
  email: string;
  apiToken: string;
  /** Requests as they arrived: method, path and query. */
  requests: { method: string; path: string; authorized: boolean }[];
  addTicket(ticket: TicketFixture): void;
  /** The next request whose path starts with `pathPrefix` gets this answer instead (a 429, a 500). */
  failNext(pathPrefix: string, status: number, headers?: Record<string, string>): void;
  /** An OAuth access token the fake accepts as `Authorization: Bearer`. */
  acceptBearer(token: string): void;
  /** The agent's API token is refused from now on (401), as after an admin deletes it; `restoreApiToken` undoes it. */
  revokeApiToken(): void;
  restoreApiToken(): void;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, reply: Reply) => {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
};

/** A Zendesk Support account on 127.0.0.1: refuses what Zendesk refuses (auth, unknown parameters, bad cursors), paginates with cursors, rate-limits on demand. */
export async function startFakeZendesk(options: { now?: () => number } = {}): Promise<FakeZendesk> {
  const now = options.now ?? Date.now;
  const state = newState();
  const email = 'agent@example.test';
  const apiToken = 'zendesk-test-api-token-0123456789';
  state.apiTokens.set(email, apiToken);
  const agentUser: FakeUser = { id: 1, name: 'Docflow Bot', email, role: 'agent' };
  state.users.push(agentUser);
  const requests: FakeZendesk['requests'] = [];
  let url = '';

  const user = (who: { name: string; email: string }, role: FakeUser['role']) => {
    const existing = state.users.find((u) => u.email === who.email);
    if (existing) return existing;
    const created = { id: state.users.length + 1000, ...who, role };
    state.users.push(created);
    return created;
  };

  const authorized = (header: string | undefined) => {
    if (header?.startsWith('Bearer ')) return state.bearerTokens.has(header.slice(7));
    if (!header?.startsWith('Basic ')) return false;
    const [login, token] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':', 2);
    const [who, kind] = (login ?? '').split('/');
    return kind === 'token' && state.apiTokens.get(who ?? '') === token;
  };

  const route = (method: string, path: string, query: URLSearchParams): Reply => {
    if (method !== 'GET') return { status: 405, body: { error: 'MethodNotAllowed' } };
    if (path === '/api/v2/users/me.json' || path === '/api/v2/users/me')
      return { status: 200, body: { user: agentUser } };
    if (path === '/api/v2/incremental/tickets/cursor.json') return incrementalTickets(state, query, url, now());
    const ticket = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(path);
    if (ticket) return showTicket(state, Number(ticket[1]), url);
    const comments = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(path);
    if (comments) return ticketComments(state, Number(comments[1]), query, url);
    return { status: 404, body: { error: 'InvalidEndpoint', description: `Not found: ${method} ${path}` } };
  };

  const server = http.createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', url);
    const ok = authorized(req.headers.authorization);
    requests.push({ method: req.method ?? '', path: parsed.pathname + parsed.search, authorized: ok });
    if (!ok) return json(res, { status: 401, body: { error: "Couldn't authenticate you" } });
    const injected = state.injected.findIndex((i) => parsed.pathname.startsWith(i.pathPrefix));
    if (injected >= 0) {
      const [failure] = state.injected.splice(injected, 1);
      return json(res, { status: failure!.status, body: { error: 'injected' }, headers: failure!.headers });
    }
    json(res, route(req.method ?? 'GET', parsed.pathname, parsed.searchParams));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let commentIds = 5000;
  return {
    url,
    email,
    apiToken,
    requests,
    addTicket(fixture) {
      const requester = user(fixture.requester, 'end-user');
      const agent = fixture.agent ? user(fixture.agent, 'agent') : agentUser;
      const at = fixture.updatedAt;
      state.tickets = state.tickets.filter((t) => t.id !== fixture.id);
      state.tickets.push({
        id: fixture.id,
        subject: fixture.subject,
        status: fixture.status ?? 'solved',
        tags: fixture.tags ?? [],
        brand_id: fixture.brandId ?? 1,
        requester_id: requester.id,
        updated_at: at,
        comments: fixture.comments.map((c) => ({
          id: ++commentIds,
          author_id: c.from === 'requester' ? requester.id : agent.id,
          body: c.body,
          public: !c.internal,
          created_at: at,
        })),
      });
    },
    failNext(pathPrefix, status, headers = {}) {
      state.injected.push({ pathPrefix, status, headers });
    },
    acceptBearer(token) {
      state.bearerTokens.add(token);
    },
    revokeApiToken() {
      state.apiTokens.delete(email);
    },
    restoreApiToken() {
      state.apiTokens.set(email, apiToken);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
