import type { Repo } from '../fake-github/repos.js';
import { notFound, type Ctx } from './state.js';

/** The repository of `/repositories/{workspace}/{repo}/…` (params 0 and 1). */
export function repoOf(ctx: Ctx): Repo {
  const fullName = `${ctx.params[0]}/${ctx.params[1]}`;
  const repo = ctx.state.world.find(fullName);
  if (!repo) throw notFound(`repository ${fullName}`);
  return repo;
}

/** A branch name, or a full or abbreviated (≥ 7) commit hash, as Bitbucket resolves revisions. */
export function resolveRevision(repo: Repo, revision: string): string | undefined {
  const exact = exactRevision(repo, revision);
  if (exact) return exact;
  if (!/^[0-9a-f]{7,39}$/.test(revision)) return undefined;
  const reachable = new Set([...repo.refs.values()].flatMap((head) => [...repo.store.ancestors(head)]));
  const matches = [...reachable].filter((sha) => sha.startsWith(revision));
  return matches.length === 1 ? matches[0] : undefined;
}

function exactRevision(repo: Repo, revision: string): string | undefined {
  if (repo.refs.has(`refs/heads/${revision}`)) return repo.refs.get(`refs/heads/${revision}`);
  return /^[0-9a-f]{40}$/.test(revision) && repo.store.commit(revision) ? revision : undefined;
}

export function requireRevision(repo: Repo, revision: string): string {
  const sha = resolveRevision(repo, revision);
  if (!sha) throw notFound(`commit ${revision}`);
  return sha;
}
