import type { Route } from '../state.js';

const projectPrefix = String.raw`^/api/v4/projects/([^/]+)`;

/** A route under `/api/v4/projects/:id` (param 0: the URL-encoded full path or numeric id). */
export const projectRoute = (method: string, rest: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`${projectPrefix}${rest}$`),
  handle,
});
