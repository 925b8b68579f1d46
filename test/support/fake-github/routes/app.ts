import { issueToken } from '../auth.js';
import { isoDate } from '../git-objects.js';
import {
  HttpError,
  notFound,
  ok,
  paginate,
  unprocessable,
  type Ctx,
  type FakeState,
  route,
  type Route,
} from '../http-kit.js';
import { repoJson, userJson } from '../render.js';
import type { Repo } from '../repos.js';

const PERMISSIONS = { contents: 'write', pull_requests: 'write', issues: 'write', metadata: 'read' };

const installationRepos = (ctx: Ctx, id: number): Repo[] =>
  [...ctx.world.repos.values()].filter((r) => r.installationId === id);

function installationJson(state: FakeState, id: number, account: string) {
  return {
    id,
    account: userJson({ login: account, type: 'User' }, state.url),
    app_id: state.appId ?? 1,
    app_slug: 'docflow-test',
    target_id: id,
    target_type: 'Organization',
    permissions: PERMISSIONS,
    events: ['pull_request', 'push', 'issue_comment'],
    repository_selection: 'selected',
    single_file_name: null,
    access_tokens_url: `${state.url}/app/installations/${id}/access_tokens`,
    repositories_url: `${state.url}/installation/repositories`,
    html_url: `https://github.com/organizations/${account}/settings/installations/${id}`,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    suspended_by: null,
    suspended_at: null,
  };
}

export const appRoutes: Route[] = [
  route('POST', '/app/installations/{installation_id}/access_tokens', 'app', (ctx) => {
    const id = Number(ctx.params.installation_id);
    const repos = installationRepos(ctx, id);
    if (repos.length === 0) throw notFound();
    const body = (ctx.body ?? {}) as { repositories?: string[]; repository_ids?: number[] };
    const wanted =
      body.repositories || body.repository_ids
        ? repos.filter((r) => body.repositories?.includes(r.name) || body.repository_ids?.includes(r.id))
        : undefined;
    if (wanted && wanted.length !== (body.repositories?.length ?? 0) + (body.repository_ids?.length ?? 0))
      throw unprocessable(
        'There is at least one repository that does not exist or is not accessible to the parent installation.',
      );
    const token = issueToken();
    const expiresAt = Date.now() + 3600_000;
    ctx.state.tokens.set(token, {
      installationId: id,
      repos: wanted && new Set(wanted.map((r) => r.fullName.toLowerCase())),
      expiresAt,
    });
    return ok(
      {
        token,
        expires_at: isoDate(new Date(expiresAt)),
        permissions: PERMISSIONS,
        repository_selection: 'selected',
        ...(wanted && { repositories: wanted.map((r) => repoJson(r, ctx.state.url)) }),
      },
      201,
    );
  }),
  route('GET', '/repos/{owner}/{repo}/installation', 'app', (ctx) => {
    const repo = ctx.world.find(`${ctx.params.owner}/${ctx.params.repo}`);
    if (repo?.installationId === undefined) throw notFound();
    return ok(installationJson(ctx.state, repo.installationId, repo.owner));
  }),
  route('GET', '/installation/repositories', 'installation', (ctx) => {
    if (ctx.identity.kind !== 'installation') throw new HttpError(403, 'Resource not accessible by integration');
    const { repos } = ctx.identity;
    const all = installationRepos(ctx, ctx.identity.installationId).filter(
      (r) => !repos || repos.has(r.fullName.toLowerCase()),
    );
    const page = paginate(ctx, all);
    return {
      status: 200,
      headers: page.headers,
      body: {
        total_count: all.length,
        repository_selection: 'selected',
        repositories: page.items.map((r) => repoJson(r, ctx.state.url)),
      },
    };
  }),
  route('GET', '/app/hook/deliveries', 'app', (ctx) => {
    const perPage = Math.min(100, Number(ctx.query.per_page ?? 30));
    const newestFirst = [...ctx.state.deliveries].sort((a, b) => b.id - a.id);
    const filtered = newestFirst.filter(
      (d) => !ctx.query.status || (ctx.query.status === 'success') === d.status_code < 400,
    );
    const from = ctx.query.cursor ? filtered.findIndex((d) => `v1_${d.id}` === ctx.query.cursor) : 0;
    if (from < 0) throw unprocessable('Invalid cursor');
    const items = filtered.slice(from, from + perPage);
    const next = filtered[from + perPage];
    const headers: Record<string, string> = next
      ? { link: `<${ctx.state.url}/app/hook/deliveries?per_page=${perPage}&cursor=v1_${next.id}>; rel="next"` }
      : {};
    const body = items.map((d) => ({
      ...d,
      action: d.action ?? null,
      duration: 0.1,
      status: d.status_code < 400 ? 'OK' : `Invalid HTTP Response: ${d.status_code}`,
      installation_id: null,
      repository_id: null,
      throttled_at: null,
    }));
    return { status: 200, headers, body };
  }),
  route('POST', '/app/hook/deliveries/{delivery_id}/attempts', 'app', (ctx) => {
    const original = ctx.state.deliveries.find((d) => d.id === Number(ctx.params.delivery_id));
    if (!original) throw notFound();
    const id = Math.max(...ctx.state.deliveries.map((d) => d.id)) + 1;
    ctx.state.deliveries.push({
      ...original,
      id,
      redelivery: true,
      status_code: 200,
      delivered_at: isoDate(new Date()),
    });
    return ok({}, 202);
  }),
];
