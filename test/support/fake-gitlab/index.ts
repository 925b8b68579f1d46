import type { AddressInfo } from 'node:net';
import { World } from '../fake-github/repos.js';
import { postCommitRoute } from './routes/commits.js';
import { mergeRequestJson, mergeRequestRoutes } from './routes/merge-requests.js';
import { oauthTokenRoute } from './routes/oauth-token.js';
import { repositoryRoutes } from './routes/repository.js';
import { createServer } from './server.js';
import { fakeBot, type FakeState, type MergeRequest, type RecordedRequest, type Violation } from './state.js';

export type { MergeRequest, RecordedRequest, Violation };

/** The personal access token the fake accepts (as docflow's bot user). */
export const fakeGitLabCredentials = { token: 'glpat-fake-token-0123456789abcdef' };

export interface FakeGitLab {
  /** The API base, `http://127.0.0.1:PORT/api/v4`. */
  url: string;
  /** Where the web pages and OAuth endpoints are: the OAuth descriptor's base URL override. */
  origin: string;
  violations: Violation[];
  requests: RecordedRequest[];
  close(): Promise<void>;
  addProject(fullPath: string, opts: { files: Record<string, string>; defaultBranch?: string }): void;
  /** Commits on a branch (created from the default branch when missing); null deletes. Returns the commit SHA. */
  commit(fullPath: string, branch: string, files: Record<string, string | null>, message: string): string;
  /** A user people can name (a reviewer, a merge request's author); returns its id. */
  addUser(username: string): number;
  addMergeRequest(
    fullPath: string,
    opts: { title: string; description?: string; source: string; target?: string; draft?: boolean; author?: string },
  ): MergeRequest;
  /** Marks a merge request merged or closed, as GitLab does before sending the hook. */
  setState(fullPath: string, iid: number, state: MergeRequest['state']): void;
  /** A merge request as the API shows it. */
  mergeRequestJson(fullPath: string, iid: number): Record<string, any>;
  mergeRequests(fullPath: string): MergeRequest[];
  notes(fullPath: string, iid: number): Array<{ id: number; body: string }>;
  readFile(fullPath: string, ref: string, path: string): string | undefined;
  branches(fullPath: string): Record<string, string>;
  /** Commits on `branch` that `base` does not have. */
  commitsAhead(fullPath: string, branch: string, base: string): string[];
  /** Accepts this token too, as the docflow bot. */
  accept(token: string): void;
  /** Answers the next `times` matching requests (after authentication) with this response instead. */
  failNext(
    matcher: { method?: string; pathPattern?: RegExp },
    response: { status: number; headers?: Record<string, string>; body?: unknown },
    times?: number,
  ): void;
  /** Issues a refresh token that works once; `refreshes` counts the token requests that rotated one. */
  grantRefreshToken(): string;
  refreshes(): number;
  /** Requests allowed before every further one is a 429 with Retry-After and RateLimit-* headers. */
  limitTo(requests: number): void;
}

/** An in-memory, git-backed GitLab REST API (v4) on a free loopback port. */
export async function startFakeGitLab(): Promise<FakeGitLab> {
  const world = new World();
  const state: FakeState = {
    world,
    url: '',
    projectIds: new Map(),
    mergeRequests: [],
    notes: [],
    users: [fakeBot],
    nextId: 500,
    violations: [],
    requests: [],
    injections: [],
    tokens: new Map([[fakeGitLabCredentials.token, fakeBot.id]]),
    limit: Number.POSITIVE_INFINITY,
    used: 0,
    refreshTokens: new Set(),
    refreshes: 0,
  };
  const server = createServer(state, [...repositoryRoutes, postCommitRoute, ...mergeRequestRoutes, oauthTokenRoute]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
  const repoOf = (fullPath: string) => world.get(fullPath);
  const userId = (username: string) => {
    const found = state.users.find((u) => u.username === username);
    if (found) return found.id;
    const user = { id: ++state.nextId, username, name: username };
    state.users.push(user);
    return user.id;
  };
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
    addProject(fullPath, opts) {
      world.addRepo(fullPath, opts);
      state.projectIds.set(fullPath.toLowerCase(), ++state.nextId);
    },
    commit: (fullPath, branch, files, message) => world.commit(fullPath, branch, files, message),
    addUser: userId,
    addMergeRequest(fullPath, opts) {
      const repo = repoOf(fullPath);
      const now = new Date().toISOString();
      const mr: MergeRequest = {
        id: ++state.nextId,
        iid: Math.max(0, ...state.mergeRequests.filter((m) => m.project === repo.fullName).map((m) => m.iid)) + 1,
        project: repo.fullName,
        title: opts.title,
        description: opts.description ?? '',
        sourceBranch: opts.source,
        targetBranch: opts.target ?? repo.defaultBranch,
        draft: opts.draft ?? false,
        state: 'opened',
        authorId: opts.author ? userId(opts.author) : fakeBot.id,
        reviewerIds: [],
        createdAt: now,
        updatedAt: now,
      };
      state.mergeRequests.push(mr);
      return mr;
    },
    setState(fullPath, iid, next) {
      const mr = state.mergeRequests.find((m) => m.project === repoOf(fullPath).fullName && m.iid === iid);
      if (!mr) throw new Error(`the fake has no merge request ${fullPath}!${iid}`);
      mr.state = next;
    },
    mergeRequestJson(fullPath, iid) {
      const repo = repoOf(fullPath);
      const mr = state.mergeRequests.find((m) => m.project === repo.fullName && m.iid === iid);
      if (!mr) throw new Error(`the fake has no merge request ${fullPath}!${iid}`);
      return mergeRequestJson(state, repo, mr);
    },
    mergeRequests: (fullPath) => state.mergeRequests.filter((m) => m.project === repoOf(fullPath).fullName),
    notes: (fullPath, iid) =>
      state.notes
        .filter((n) => n.project === repoOf(fullPath).fullName && n.mergeRequestIid === iid)
        .map(({ id, body }) => ({ id, body })),
    readFile: (fullPath, ref, path) => world.readFile(fullPath, ref, path),
    branches: (fullPath) => world.branches(fullPath),
    commitsAhead(fullPath, branch, base) {
      const repo = repoOf(fullPath);
      const [head, from] = [repo.refs.get(`refs/heads/${branch}`), repo.refs.get(`refs/heads/${base}`)];
      return head ? repo.store.commitsBetween(from, head) : [];
    },
    accept: (token) => void state.tokens.set(token, fakeBot.id),
    failNext: (matcher, response, times = 1) => void state.injections.push({ matcher, response, times }),
    grantRefreshToken() {
      const token = `gl_rt_initial_${state.refreshTokens.size}`;
      state.refreshTokens.add(token);
      return token;
    },
    refreshes: () => state.refreshes,
    limitTo(requests) {
      state.limit = state.used + requests;
    },
  };
}
