import type { Repo, World } from '../fake-github/repos.js';

export interface MergeRequest {
  id: number;
  iid: number;
  project: string;
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  draft: boolean;
  state: 'opened' | 'closed' | 'merged';
  /** User ids: who opened it, and who is asked to review. */
  authorId: number;
  reviewerIds: number[];
  createdAt: string;
  updatedAt: string;
}
export interface Note {
  id: number;
  project: string;
  mergeRequestIid: number;
  body: string;
  system: boolean;
  authorId: number;
}
export interface User {
  id: number;
  username: string;
  name: string;
}
export interface Violation {
  method: string;
  path: string;
  problems: string[];
}
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  status?: number;
}
export interface Injection {
  matcher: { method?: string; pathPattern?: RegExp };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  times: number;
}

export interface FakeState {
  world: World;
  /** `http://127.0.0.1:PORT/api/v4`. */
  url: string;
  /** Numeric project ids, by lower-cased full path. */
  projectIds: Map<string, number>;
  mergeRequests: MergeRequest[];
  notes: Note[];
  users: User[];
  nextId: number;
  violations: Violation[];
  requests: RecordedRequest[];
  injections: Injection[];
  /** PRIVATE-TOKEN values and Authorization headers the fake accepts, with the user each acts as. */
  tokens: Map<string, number>;
  /** Requests allowed before 429s (GitLab.com's authenticated API limit is per minute). */
  limit: number;
  used: number;
  /** Refresh tokens that still work once (GitLab rotates them on every use). */
  refreshTokens: Set<string>;
  refreshes: number;
}

export interface Ctx {
  state: FakeState;
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string>;
  raw: Buffer;
  /** The user the request's token belongs to. */
  userId: number;
}
export interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}
export interface Route {
  method: string;
  pattern: RegExp;
  /** Authenticates itself (the OAuth token endpoint takes the client's credentials). */
  ownAuth?: boolean;
  handle(ctx: Ctx): Reply | Promise<Reply>;
}

/** A refusal GitLab would send; `malformed` ones are requests a correct client never makes (violations). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly malformed = false,
  ) {
    super(message);
  }
}
export const malformed = (message: string) => new HttpError(400, message, true);
export const notFound = (what: string) => new HttpError(404, `404 ${what} Not Found`);
/** GitLab's error bodies: `{"message": …}` (or `{"error": …}` for parameter errors). */
export const errorBody = (message: string) => ({ message });
export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/**
 * GitLab's offset pagination: `page` and `per_page` (≤ 100, default 20) in, the list as the body and
 * `X-Page`, `X-Per-Page`, `X-Total`, `X-Total-Pages`, `X-Next-Page` (empty on the last page) and a
 * `Link` header out.
 */
export function paginate<T>(ctx: Ctx, items: T[]): Reply {
  const perPage = Number(ctx.query.get('per_page') ?? 20);
  const page = Number(ctx.query.get('page') ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw malformed('per_page must be 1 to 100');
  if (!Number.isInteger(page) || page < 1) throw malformed('page must be a positive integer');
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number) => {
    const query = new URLSearchParams(ctx.query);
    query.set('page', String(p));
    return `${ctx.state.url}${ctx.path.slice('/api/v4'.length)}?${query}`;
  };
  const links = [
    ...(page < totalPages ? [`<${link(page + 1)}>; rel="next"`] : []),
    `<${link(1)}>; rel="first"`,
    `<${link(totalPages)}>; rel="last"`,
  ];
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      link: links.join(', '),
    },
  };
}

/** A JSON object body, as GitLab's API takes it (form bodies are accepted by GitLab but docflow sends JSON). */
export function jsonBody(ctx: Ctx): Record<string, unknown> {
  if (!(ctx.headers['content-type'] ?? '').startsWith('application/json'))
    throw malformed('the body must be application/json');
  try {
    const parsed = JSON.parse(ctx.raw.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw malformed('the body is not a JSON object');
  }
}

/** The user docflow's token acts as: it opens the docs merge requests. */
export const fakeBot: User = { id: 7001, username: 'docflow-bot', name: 'Docflow Bot' };

/** The project of `/projects/:id/…` (param 0): a URL-encoded full path or a numeric id. */
export function projectOf(ctx: Ctx): Repo {
  const id = ctx.params[0]!;
  const fullPath = /^\d+$/.test(id)
    ? [...ctx.state.projectIds].find(([, n]) => String(n) === id)?.[0]
    : id.toLowerCase();
  const repo = fullPath ? ctx.state.world.find(fullPath) : undefined;
  if (!repo) throw notFound('Project');
  return repo;
}

/** A branch name, a tag, or a full or short (≥ 7) commit SHA, as GitLab resolves revisions. */
export function resolveRevision(repo: Repo, revision: string): string | undefined {
  if (repo.refs.has(`refs/heads/${revision}`)) return repo.refs.get(`refs/heads/${revision}`);
  if (/^[0-9a-f]{40}$/.test(revision)) return repo.store.commit(revision) ? revision : undefined;
  if (!/^[0-9a-f]{7,39}$/.test(revision)) return undefined;
  const reachable = new Set([...repo.refs.values()].flatMap((head) => [...repo.store.ancestors(head)]));
  const matches = [...reachable].filter((sha) => sha.startsWith(revision));
  return matches.length === 1 ? matches[0] : undefined;
}

export function requireRevision(repo: Repo, revision: string, what = 'Commit'): string {
  const sha = resolveRevision(repo, revision);
  if (!sha) throw notFound(what);
  return sha;
}
