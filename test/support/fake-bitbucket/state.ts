import type { World } from '../fake-github/repos.js';

export interface PullRequest {
  id: number;
  repo: string;
  title: string;
  description: string;
  source: string;
  destination: string;
  draft: boolean;
  state: 'OPEN' | 'MERGED' | 'DECLINED';
  /** Account uuids (`{…}`): who opened it, and who is asked to review. */
  author: string;
  reviewers: string[];
  createdOn: string;
  updatedOn: string;
}
export interface Comment {
  id: number;
  pullRequestId: number;
  repo: string;
  raw: string;
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
}
export interface Injection {
  matcher: { method?: string; pathPattern?: RegExp };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  times: number;
}

export interface FakeState {
  world: World;
  /** `http://127.0.0.1:PORT/2.0`. */
  url: string;
  pulls: PullRequest[];
  comments: Comment[];
  nextId: number;
  violations: Violation[];
  requests: RecordedRequest[];
  injections: Injection[];
  /** Authorization headers the fake accepts. */
  accepted: Set<string>;
  /** Requests allowed per rolling hour before 429s (Bitbucket's ≈1,000 for repository endpoints). */
  hourlyLimit: number;
  used: number;
  /** Refresh tokens that still work once (Bitbucket rotates them on every use). */
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

/** A refusal Bitbucket would send; `malformed` ones are requests a correct client never makes (violations). */
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
export const notFound = (what: string) => new HttpError(404, `${what} not found`);
export const errorBody = (message: string) => ({ type: 'error', error: { message } });
export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** Bitbucket's page objects: `pagelen` (≤ 100), `page`, and a `next` link while more remain. */
export function paginate<T>(ctx: Ctx, items: T[]): Reply {
  const pagelen = Number(ctx.query.get('pagelen') ?? 10);
  const page = Number(ctx.query.get('page') ?? 1);
  if (!Number.isInteger(pagelen) || pagelen < 1 || pagelen > 100) throw malformed('pagelen must be 1 to 100');
  if (!Number.isInteger(page) || page < 1) throw malformed('page must be a positive integer');
  const body: Record<string, unknown> = {
    pagelen,
    page,
    size: items.length,
    values: items.slice((page - 1) * pagelen, page * pagelen),
  };
  if (page * pagelen < items.length) {
    const next = new URLSearchParams(ctx.query);
    next.set('page', String(page + 1));
    body.next = `${ctx.state.url}${ctx.path.slice('/2.0'.length)}?${next}`;
  }
  return ok(body);
}

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

/** The account the fake's credentials belong to: whoever docflow acts as opens the docs pull requests. */
export const fakeUserUuid = '{00000000-0000-4000-8000-00000000d0cf}';
