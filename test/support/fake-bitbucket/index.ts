import type { AddressInfo } from 'node:net';
import { World } from '../fake-github/repos.js';
import { oauthTokenRoute } from './routes/oauth-token.js';
import { postSrcRoute } from './routes/post-src.js';
import { pullRequestJson, pullRequestRoutes } from './routes/pull-requests.js';
import { repositoryRoutes } from './routes/repository.js';
import { createServer } from './server.js';
import { fakeUserUuid, type FakeState, type PullRequest, type RecordedRequest, type Violation } from './state.js';

export type { RecordedRequest, Violation };

/** Credentials the fake accepts. */
export const fakeBitbucketCredentials = {
  email: 'docs-bot@example.com',
  apiToken: 'ATATT3xFfGF0-fake-api-token-0123456789',
  accessToken: 'ATCTT3xFfGF0-fake-access-token-0123456789',
};

export interface FakeBitbucket {
  /** The API base, `http://127.0.0.1:PORT/2.0`. */
  url: string;
  /** Where OAuth endpoints are (`/site/oauth2/…`): the OAuth descriptor's base URL override. */
  origin: string;
  violations: Violation[];
  requests: RecordedRequest[];
  close(): Promise<void>;
  addRepo(fullName: string, opts: { files: Record<string, string>; defaultBranch?: string }): void;
  /** Commits on a branch (created from the main branch when missing); null deletes. Returns the commit hash. */
  commit(fullName: string, branch: string, files: Record<string, string | null>, message: string): string;
  addPull(
    fullName: string,
    opts: {
      title: string;
      description?: string;
      source: string;
      destination?: string;
      draft?: boolean;
      /** The author's account uuid (`{…}`). */
      author?: string;
    },
  ): PullRequest;
  readFile(fullName: string, ref: string, path: string): string | undefined;
  branches(fullName: string): Record<string, string>;
  pulls(fullName: string): PullRequest[];
  /** A pull request as the API (and webhook payloads) show it. */
  pullRequestJson(fullName: string, id: number): Record<string, unknown>;
  comments(fullName: string, pullRequestId: number): Array<{ id: number; raw: string }>;
  /** Accepts this Authorization header too (an OAuth access token, say); accepts a revoked one again. */
  accept(authorization: string): void;
  /** Refuses this Authorization header from now on (401), as Bitbucket does for a revoked or expired token. */
  revoke(authorization: string): void;
  /** Answers the next `times` matching requests (after authentication) with this response instead. */
  failNext(
    matcher: { method?: string; pathPattern?: RegExp },
    response: { status: number; headers?: Record<string, string>; body?: unknown },
    times?: number,
  ): void;
  /** Issues a refresh token that works once; `refreshes` counts the token requests that rotated one. */
  grantRefreshToken(): string;
  refreshes(): number;
  /** Requests allowed before every further one is a 429 with Retry-After. */
  limitTo(requests: number): void;
}

/** An in-memory, git-backed Bitbucket Cloud API (2.0) on a free loopback port. */
export async function startFakeBitbucket(): Promise<FakeBitbucket> {
  const world = new World();
  const c = fakeBitbucketCredentials;
  const state: FakeState = {
    world,
    url: '',
    pulls: [],
    comments: [],
    nextId: 100,
    violations: [],
    requests: [],
    injections: [],
    accepted: new Set([
      `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}`,
      `Bearer ${c.accessToken}`,
    ]),
    hourlyLimit: Number.POSITIVE_INFINITY,
    used: 0,
    refreshTokens: new Set(),
    refreshes: 0,
  };
  const server = createServer(state, [...repositoryRoutes, postSrcRoute, ...pullRequestRoutes, oauthTokenRoute]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2.0`;
  return {
    url: state.url,
    origin: new URL(state.url).origin,
    violations: state.violations,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addRepo: (fullName, opts) => void world.addRepo(fullName, opts),
    commit: (fullName, branch, files, message) => world.commit(fullName, branch, files, message),
    addPull(fullName, opts) {
      const repo = world.get(fullName);
      const now = new Date().toISOString();
      const pr: PullRequest = {
        id: Math.max(0, ...state.pulls.filter((p) => p.repo === repo.fullName).map((p) => p.id)) + 1,
        repo: repo.fullName,
        title: opts.title,
        description: opts.description ?? '',
        source: opts.source,
        destination: opts.destination ?? repo.defaultBranch,
        draft: opts.draft ?? false,
        state: 'OPEN',
        author: opts.author ?? fakeUserUuid,
        reviewers: [],
        createdOn: now,
        updatedOn: now,
      };
      state.pulls.push(pr);
      return pr;
    },
    readFile: (fullName, ref, path) => world.readFile(fullName, ref, path),
    pullRequestJson(fullName, id) {
      const repo = world.get(fullName);
      const pr = state.pulls.find((p) => p.repo === repo.fullName && p.id === id);
      if (!pr) throw new Error(`the fake has no pull request ${fullName}#${id}`);
      return pullRequestJson(state, repo, pr);
    },
    branches: (fullName) => world.branches(fullName),
    pulls: (fullName) => state.pulls.filter((p) => p.repo === world.get(fullName).fullName),
    comments: (fullName, id) =>
      state.comments
        .filter((x) => x.repo === world.get(fullName).fullName && x.pullRequestId === id)
        .map(({ id: cid, raw }) => ({ id: cid, raw })),
    accept: (authorization) => void state.accepted.add(authorization),
    revoke: (authorization) => void state.accepted.delete(authorization),
    failNext: (matcher, response, times = 1) => void state.injections.push({ matcher, response, times }),
    grantRefreshToken() {
      const token = `bb_rt_initial_${state.refreshTokens.size}`;
      state.refreshTokens.add(token);
      return token;
    },
    refreshes: () => state.refreshes,
    limitTo(requests) {
      state.hourlyLimit = state.used + requests;
    },
  };
}
