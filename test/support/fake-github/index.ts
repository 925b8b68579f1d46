import type { AddressInfo } from 'node:net';
import type { Delivery } from './http-kit.js';
import { World } from './repos.js';
import { appRoutes } from './routes/app.js';
import { commentRoutes } from './routes/comments.js';
import { compareRoutes } from './routes/compare.js';
import { gitDataRoutes } from './routes/git-data.js';
import { identityRoutes } from './routes/identity.js';
import { pullRoutes } from './routes/pulls.js';
import { repoRoutes } from './routes/repos.js';
import { searchRoutes } from './routes/search.js';
import { createServer, type RecordedRequest, type ServerState, type Violation } from './server.js';

export type { Delivery, RecordedRequest, Violation };

export interface FakeGitHub {
  /** http://127.0.0.1:PORT, for octokit's `baseUrl`. */
  url: string;
  /** Requests GitHub would reject (checked against its OpenAPI description) or that the fake does not implement. */
  violations: Violation[];
  requests: RecordedRequest[];
  close(): Promise<void>;
  addRepo: World['addRepo'];
  /** Commits on a branch (created from the default branch when missing); null deletes a file. Returns the commit sha. */
  commit(fullName: string, branch: string, files: Record<string, string | null>, message: string): string;
  addPull(fullName: string, opts: Parameters<World['addPull']>[1]): { number: number };
  /** Merges an open pull request with a merge commit dated `at` (ISO, default now); returns the merge commit. */
  mergePull(fullName: string, number: number, at?: string): string;
  /** Closes an open pull request unmerged, dated `at` (ISO, default now). */
  closePull(fullName: string, number: number, at?: string): void;
  readFile(fullName: string, ref: string, path: string): string | undefined;
  branches(fullName: string): Record<string, string>;
  pulls(fullName: string): Array<{
    number: number;
    title: string;
    body: string;
    head: string;
    base: string;
    draft: boolean;
    state: 'open' | 'closed';
    merged: boolean;
    /** Logins and team slugs asked to review. */
    requestedReviewers: string[];
    requestedTeams: string[];
  }>;
  comments(fullName: string, issueNumber: number): Array<{ id: number; body: string }>;
  /** A review submitted on a pull request (listed by GET /repos/{o}/{r}/pulls/{n}/reviews). */
  addReview(
    fullName: string,
    pullNumber: number,
    review: { user: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'; body?: string },
  ): void;
  /** Answers the next `times` matching requests (after validation) with this response instead. */
  failNext(
    matcher: { method?: string; pathPattern?: RegExp },
    response: { status: number; headers?: Record<string, string>; body?: unknown },
    times?: number,
  ): void;
  /** Refuses this personal token from now on (401 Bad credentials), as GitHub does once it is revoked; `restore` undoes it. */
  revoke(token: string): void;
  restore(token: string): void;
  /** Webhook deliveries served by GET /app/hook/deliveries (newest id first); redelivery appends a new one. */
  deliveries: Delivery[];
}

/**
 * Starts an in-memory GitHub REST API on a free loopback port. Every request is checked against GitHub's
 * OpenAPI description first (a request GitHub would reject gets its 4xx and lands in `violations`); operations
 * the fake does not implement answer 501 and land there too, as do responses of the fake that break the
 * documented response schema. Point octokit at `url` and assert `violations` is empty after each test.
 */
export async function startFakeGitHub(options: { appId?: number; publicKeyPem?: string } = {}): Promise<FakeGitHub> {
  const world = new World();
  const routes = [
    ...appRoutes,
    ...identityRoutes,
    ...repoRoutes,
    ...compareRoutes,
    ...pullRoutes,
    ...gitDataRoutes,
    ...commentRoutes,
    ...searchRoutes,
  ];
  const state: ServerState = {
    world,
    tokens: new Map(),
    deliveries: [],
    url: '',
    appId: options.appId,
    violations: [],
    requests: [],
    injections: [],
    options,
    usage: {},
    revoked: new Set(),
    routes: new Map(routes.map((r) => [`${r.method} ${r.template}`, r])),
  };
  const server = createServer(state);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: state.url,
    violations: state.violations,
    requests: state.requests,
    deliveries: state.deliveries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addRepo: (fullName, opts) => world.addRepo(fullName, opts),
    commit: (fullName, branch, files, message) => world.commit(fullName, branch, files, message),
    addPull: (fullName, opts) => ({ number: world.addPull(fullName, opts).number }),
    mergePull: (fullName, number, at) => world.mergePull(fullName, number, at),
    closePull: (fullName, number, at) => world.closePull(fullName, number, at),
    readFile: (fullName, ref, path) => world.readFile(fullName, ref, path),
    branches: (fullName) => world.branches(fullName),
    pulls: (fullName) =>
      [...world.get(fullName).pulls.values()].map((p) => ({
        number: p.number,
        title: p.title,
        body: p.body,
        head: p.head,
        base: p.base,
        draft: p.draft,
        state: p.state,
        merged: p.merged,
        requestedReviewers: [...p.requestedReviewers],
        requestedTeams: [...p.requestedTeams],
      })),
    comments: (fullName, issueNumber) =>
      world
        .get(fullName)
        .comments.filter((c) => c.issueNumber === issueNumber)
        .map((c) => ({ id: c.id, body: c.body })),
    addReview(fullName, pullNumber, review) {
      const pull = world.get(fullName).pulls.get(pullNumber);
      if (!pull) throw new Error(`${fullName} has no pull request #${pullNumber}`);
      pull.reviews.push({
        id: world.id(),
        user: { login: review.user, type: 'User' },
        state: review.state,
        body: review.body ?? '',
        commitId: pull.headSha,
        submittedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
    },
    failNext: (matcher, response, times = 1) => void state.injections.push({ matcher, response, times }),
    revoke: (token) => void state.revoked.add(token),
    restore: (token) => void state.revoked.delete(token),
  };
}
