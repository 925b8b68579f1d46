import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { authenticate } from './auth.js';
import { HttpError, errorBody, type Ctx, type FakeState, type Reply, type Route } from './http-kit.js';
import { handleGraphql } from './graphql.js';
import { validateRequest, validateResponse } from './openapi-validator.js';
import type { Repo } from './repos.js';

export interface Violation {
  method: string;
  path: string;
  problems: string[];
}
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}
export interface Injection {
  matcher: { method?: string; pathPattern?: RegExp };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  times: number;
}
export interface ServerState extends FakeState {
  violations: Violation[];
  requests: RecordedRequest[];
  injections: Injection[];
  options: { appId?: number; publicKeyPem?: string };
  routes: Map<string, Route>;
  /** Requests counted per rate-limit resource. */
  usage: Record<string, number>;
  /** Credentials GitHub no longer accepts (a revoked personal token). */
  revoked: Set<string>;
}

const LIMITS: Record<string, number> = { core: 5000, search: 30, code_search: 10 };
const resetAt = Math.floor(Date.now() / 1000) + 3600;
const PARSE_ERROR = Symbol('unparsable body');

function rateLimitHeaders(used: Record<string, number>, resource: string): Record<string, string> {
  used[resource] = (used[resource] ?? 0) + 1;
  return {
    'x-ratelimit-limit': String(LIMITS[resource]),
    'x-ratelimit-remaining': String(Math.max(0, LIMITS[resource] - used[resource])),
    'x-ratelimit-used': String(used[resource]),
    'x-ratelimit-reset': String(resetAt),
    'x-ratelimit-resource': resource,
  };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Checks auth for a route; returns the repository for `repo` routes. */
function authorize(
  state: ServerState,
  route: Route,
  ctx: Omit<Ctx, 'repo' | 'identity'>,
  header: string | undefined,
): Pick<Ctx, 'identity' | 'repo'> {
  const credential = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (credential && state.revoked.has(credential)) throw new HttpError(401, 'Bad credentials');
  const identity = authenticate(header, state.tokens, state.options);
  if (identity.kind === 'none') throw new HttpError(401, identity.message);
  if (route.auth === 'app' && identity.kind !== 'app')
    throw new HttpError(401, 'A JSON web token could not be decoded');
  if (route.auth !== 'app' && identity.kind === 'app')
    throw new HttpError(403, 'Resource not accessible by integration');
  if (route.auth === 'installation' && identity.kind !== 'installation')
    throw new HttpError(403, 'This endpoint requires an installation access token');
  if (route.auth !== 'repo') return { identity, repo: undefined as unknown as Repo };
  const repo = ctx.world.find(`${ctx.params.owner}/${ctx.params.repo}`);
  if (!repo) throw new HttpError(404, 'Not Found');
  if (
    identity.kind === 'installation' &&
    (repo.installationId !== identity.installationId ||
      (identity.repos && !identity.repos.has(repo.fullName.toLowerCase())))
  )
    throw new HttpError(403, 'Resource not accessible by integration');
  return { identity, repo };
}

function dispatch(state: ServerState, record: RecordedRequest, rawPath: string): Reply {
  const { method, path, query, body, headers } = record;
  const violation = (status: number, problems: string[], message: string): Reply => {
    state.violations.push({ method, path, problems });
    return { status, body: errorBody(status, message) };
  };
  if (body === PARSE_ERROR) return violation(400, ['request body is not valid JSON'], 'Problems parsing JSON');
  if (method === 'POST' && rawPath === '/graphql')
    return handleGraphql(state, body, (problems) => violation(400, problems, 'GraphQL operation not supported'));
  const check = validateRequest(method, rawPath, query, body, (template) => state.routes.has(`${method} ${template}`));
  if (check.problems.length > 0)
    return violation(
      check.status,
      check.problems,
      check.status === 404 ? 'Not Found' : `Invalid request.\n\n${check.problems.join('\n')}`,
    );
  const injected = state.injections.find(
    (i) =>
      i.times > 0 &&
      (!i.matcher.method || i.matcher.method.toUpperCase() === method) &&
      (!i.matcher.pathPattern || i.matcher.pathPattern.test(path)),
  );
  if (injected) {
    injected.times -= 1;
    return {
      status: injected.response.status,
      headers: injected.response.headers,
      body:
        injected.response.body ??
        errorBody(injected.response.status, http.STATUS_CODES[injected.response.status] ?? 'Error'),
    };
  }
  const route = state.routes.get(`${method} ${check.template}`);
  if (!route)
    return violation(
      501,
      [`${method} ${check.template} is not implemented by the fake`],
      'Not implemented by the fake GitHub',
    );
  const base = { state, world: state.world, params: check.params, query, body, headers, path };
  const reply = route.handle({ ...base, ...authorize(state, route, base, headers.authorization) });
  // The fake holds itself to GitHub's documented response shapes too.
  const wrong = reply.text === undefined ? validateResponse(method, route.template, reply.status, reply.body) : [];
  if (wrong.length > 0) state.violations.push({ method, path, problems: wrong.map((p) => `the fake's own ${p}`) });
  return reply;
}

export function createServer(state: ServerState): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch {
      body = PARSE_ERROR;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodePath(url.pathname),
      query: Object.fromEntries(url.searchParams),
      body: body === PARSE_ERROR ? raw : body,
      headers,
    };
    state.requests.push(record);
    let reply: Reply;
    try {
      reply = dispatch(state, { ...record, body }, url.pathname);
    } catch (error) {
      if (!(error instanceof HttpError))
        state.violations.push({
          method: record.method,
          path: record.path,
          problems: [`the fake failed: ${(error as Error).stack}`],
        });
      reply =
        error instanceof HttpError
          ? { status: error.status, body: errorBody(error.status, error.message, error.extra) }
          : { status: 500, body: errorBody(500, String(error)) };
    }
    const resource = url.pathname.startsWith('/search/code')
      ? 'code_search'
      : url.pathname.startsWith('/search/')
        ? 'search'
        : 'core';
    const payload =
      reply.status === 204 || reply.status === 304 ? '' : (reply.text ?? JSON.stringify(reply.body ?? {}));
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomUUID().toUpperCase(),
      ...rateLimitHeaders(state.usage, resource),
      ...reply.headers,
    });
    res.end(payload);
  });
}
