import type { Request, Response } from 'express';
import type { ApiDeps } from '../api/deps.js';
import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import type { ApiCaller } from './call-api.js';
import type { Viewer } from './pages/layout.js';

/** What a page handler gets: the request, the signed-in key, and the API's routes to act through. */
export interface WebCtx {
  req: Request;
  res: Response;
  actor: ApiKeyIdentity;
  viewer: Viewer;
  api: ApiCaller;
  deps: ApiDeps;
}
