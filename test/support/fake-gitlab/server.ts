import http from 'node:http';
import { HttpError, errorBody, type Ctx, type FakeState, type Reply, type Route } from './state.js';

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in the path', true);
  }
}

function injected(state: FakeState, method: string, path: string): Reply | undefined {
  const found = state.injections.find(
    (i) =>
      i.times > 0 &&
      (!i.matcher.method || i.matcher.method.toUpperCase() === method) &&
      (!i.matcher.pathPattern || i.matcher.pathPattern.test(path)),
  );
  if (!found) return undefined;
  found.times -= 1;
  return {
    status: found.response.status,
    headers: found.response.headers,
    body: found.response.body ?? errorBody(http.STATUS_CODES[found.response.status] ?? 'Error'),
  };
}

/** Who a request acts as: `PRIVATE-TOKEN` (access tokens) or `Authorization: Bearer` (OAuth, or a token sent so). */
function userOf(state: FakeState, headers: Record<string, string>): number | undefined {
  const privateToken = headers['private-token'];
  if (privateToken) return state.tokens.get(privateToken);
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  return bearer ? state.tokens.get(bearer) : undefined;
}

async function dispatch(state: FakeState, routes: Route[], ctx: Omit<Ctx, 'params' | 'userId'>): Promise<Reply> {
  const matching = routes.filter((r) => r.pattern.test(ctx.path));
  const route = matching.find((r) => r.method === ctx.method);
  if (!route) {
    const problem = matching.length ? `${ctx.method} is not allowed on ${ctx.path}` : `no such endpoint ${ctx.path}`;
    state.violations.push({ method: ctx.method, path: ctx.path, problems: [problem] });
    return {
      status: matching.length ? 405 : 404,
      body: errorBody(matching.length ? '405 Method Not Allowed' : '404 Not Found'),
    };
  }
  const userId = route.ownAuth ? 0 : userOf(state, ctx.headers);
  if (userId === undefined) return { status: 401, body: errorBody('401 Unauthorized') };
  const limited = injected(state, ctx.method, ctx.path);
  if (limited) return limited;
  if (++state.used > state.limit) {
    const reset = Math.floor(Date.now() / 1000) + 60;
    return {
      status: 429,
      body: errorBody('Retry later'),
      headers: {
        'retry-after': '60',
        'ratelimit-limit': String(state.limit),
        'ratelimit-observed': String(state.used),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(reset),
        'ratelimit-resettime': new Date(reset * 1000).toUTCString(),
      },
    };
  }
  const params = route.pattern
    .exec(ctx.path)!
    .slice(1)
    .map((p) => (p === undefined ? p : decode(p))) as string[];
  return route.handle({ ...ctx, params, userId });
}

/** An HTTP server answering as GitLab's REST API v4 under `/api/v4`; requests a correct client never makes land in `violations`. */
export function createServer(state: FakeState, routes: Route[]): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    const recorded = { method, path: url.pathname, query: url.searchParams, headers } as FakeState['requests'][number];
    state.requests.push(recorded);
    let reply: Reply;
    try {
      // Matched on the raw path: a project's full path is one URL-encoded segment (`acme%2Fdocs`).
      reply = await dispatch(state, routes, {
        state,
        method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        raw: await readBody(req),
      });
    } catch (error) {
      if (!(error instanceof HttpError) || error.malformed)
        state.violations.push({
          method,
          path: url.pathname,
          problems: [error instanceof HttpError ? error.message : `the fake failed: ${(error as Error).stack}`],
        });
      reply =
        error instanceof HttpError
          ? { status: error.status, body: errorBody(error.message) }
          : { status: 500, body: errorBody(String(error)) };
    }
    recorded.status = reply.status;
    const isText = reply.text !== undefined;
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
      ...reply.headers,
    });
    res.end(isText ? reply.text : reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
