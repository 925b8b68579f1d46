import { actor, ok, type Route, route } from '../http-kit.js';
import { userJson } from '../render.js';

const created = '2024-01-01T00:00:00Z';

/** Who a credential is: `GET /user` for a token, `GET /app` for an App JWT (docflow checks credentials with them on connect). */
export const identityRoutes: Route[] = [
  route('GET', '/user', 'any', (ctx) => {
    if (ctx.identity.kind !== 'token')
      return {
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest',
          status: '403',
        },
      };
    return ok({
      ...userJson(actor(ctx.identity), ctx.state.url),
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: created,
      updated_at: created,
    });
  }),
  route('GET', '/app', 'app', (ctx) =>
    ok({
      id: ctx.state.appId ?? 1,
      slug: 'docflow-test',
      node_id: 'A_kwDOAAAAAQ',
      client_id: 'Iv1.0123456789abcdef',
      owner: userJson({ login: 'acme', type: 'Organization' }, ctx.state.url),
      name: 'docflow-test',
      description: null,
      external_url: 'https://docflow.test',
      html_url: 'https://github.com/apps/docflow-test',
      created_at: created,
      updated_at: created,
      permissions: { contents: 'write', pull_requests: 'write', metadata: 'read' },
      events: ['pull_request', 'push'],
    }),
  ),
];
