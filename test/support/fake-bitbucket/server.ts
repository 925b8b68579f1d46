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

async function dispatch(state: FakeState, routes: Route[], ctx: Omit<Ctx, 'params'>): Promise<Reply> {
  const matching = routes.filter((r) => r.pattern.test(ctx.path));
  const route = matching.find((r) => r.method === ctx.method);
  if (!route) {
    const problem = matching.length ? `${ctx.method} is not allowed on ${ctx.path}` : `no such endpoint ${ctx.path}`;
    state.violations.push({ method: ctx.method, path: ctx.path, problems: [problem] });
    return { status: matching.length ? 405 : 404, body: errorBody(problem) };
  }
  if (!route.ownAuth && !state.accepted.has(ctx.headers.authorization ?? ''))
    return { status: 401, body: errorBody('Unauthorized'), headers: { 'www-authenticate': 'Basic realm="Bitbucket"' } };
  const limited = injected(state, ctx.method, ctx.path);
  if (limited) return limited;
  if (++state.used > state.hourlyLimit)
    return {
      status: 429,
      body: errorBody('Rate limit for this resource has been exceeded'),
      headers: { 'retry-after': '3600' },
    };
  const params = route.pattern
    .exec(ctx.path)!
    .slice(1)
    .map((p) => (p === undefined ? p : decode(p))) as string[];
  return route.handle({ ...ctx, params });
}

/** An HTTP server answering as Bitbucket's API 2.0 under `/2.0`; requests a correct client never makes land in `violations`. */
export function createServer(state: FakeState, routes: Route[]): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    state.requests.push({ method, path: decode(url.pathname), query: url.searchParams, headers });
    let reply: Reply;
    try {
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
    const isText = reply.text !== undefined;
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(isText ? reply.text : reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
