import type { Identity, InstallationToken } from './auth.js';
import type { Repo, User, World } from './repos.js';

export interface Delivery {
  id: number;
  guid: string;
  event: string;
  action?: string;
  status_code: number;
  redelivery: boolean;
  delivered_at: string;
}
export interface FakeState {
  world: World;
  tokens: Map<string, InstallationToken>;
  deliveries: Delivery[];
  url: string;
  appId?: number;
}

/** `app`: App JWT; `installation`: installation token; `repo`: token with access to {owner}/{repo}; `any`: any token. */
export type AuthNeed = 'app' | 'installation' | 'repo' | 'any';
export interface Ctx {
  state: FakeState;
  world: World;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  identity: Identity;
  /** The repository named by {owner}/{repo}; only set for `repo` routes. */
  repo: Repo;
  path: string;
}
export interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}
export interface Route {
  method: string;
  template: string;
  auth: AuthNeed;
  handle(ctx: Ctx): Reply;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const DOCS = 'https://docs.github.com/rest';
export const errorBody = (status: number, message: string, extra: Record<string, unknown> = {}) => ({
  message,
  ...extra,
  documentation_url: DOCS,
  status: String(status),
});
export const notFound = () => new HttpError(404, 'Not Found');
export const unprocessable = (message: string, errors?: unknown[]) =>
  new HttpError(422, message, errors ? { errors } : {});
/** Base64 wrapped at 60 columns, as GitHub sends file and blob content. */
export const base64 = (data: Buffer) => data.toString('base64').replace(/.{60}/g, '$&\n');
export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** The user that requests with this identity act as. */
export function actor(identity: Identity): User {
  return identity.kind === 'token' ? { login: 'test-user', type: 'User' } : { login: 'docflow-test[bot]', type: 'Bot' };
}

/** `per_page`/`page` pagination with a GitHub-style Link header. */
export function paginate<T>(ctx: Ctx, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30)));
  const page = Math.max(1, Number(ctx.query.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams({ ...ctx.query, per_page: String(perPage), page: String(n) });
    return `<${ctx.state.url}${ctx.path}?${query}>; rel="${rel}"`;
  };
  const rels = [
    ...(page > 1 ? [link(page - 1, 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: rels.length > 0 ? { link: rels.join(', ') } : {},
  };
}

export const route = (method: string, template: string, auth: AuthNeed, handle: (ctx: Ctx) => Reply): Route => ({
  method,
  template,
  auth,
  handle,
});
