import { AppError } from '../../../core/errors.js';
import type { Edit } from '../../../core/change.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import { applyEdits, EditConflictError } from '../../../drafting/apply-edits.js';
import type { DocsPRStatus, DocsPullRequests, PublishRequest, PublishResult, ReapplyResult } from '../../contract.js';
import { runBranch, type PushedBranch } from './branch.js';
import { commitMessage, commitOwner } from './commit-trailers.js';
import { editedPages } from './edited-pages.js';
import type { DetachedCommitStore, GitStore } from './git-store.js';

type GitDestination = TypedConfig & { baseBranch: string; docsDir: string };

/** What a git host adds to a branch to make it a docs PR: its state, closing it, comments, a body listing sources. */
export interface DocsPRHost<D extends GitDestination> {
  status(destination: D, branch: string): Promise<DocsPRStatus>;
  close(destination: D, branch: string, comment: string): Promise<void>;
  /** Says something on the PR; hosts without comments leave it (the check's result still names it). */
  comment(destination: D, branch: string, text: string): Promise<void>;
  /** What follows a joining run's push: the PR's body lists the added source. */
  presentJoined(destination: D, pushed: PushedBranch, request: PublishRequest): Promise<PublishResult>;
}

interface Parts<D extends GitDestination> {
  store(destination: D): Promise<GitStore>;
  label(destination: D): string;
  baseCommit(store: GitStore, destination: D): Promise<string>;
}

/** At most this many docflow commits are looked through on one docs PR's branch. */
const maxCommits = 50;

const isDocflowCommit = (message: string) => /^Docflow-Run: \S+$/m.test(message);

function detached(store: GitStore, label: string): DetachedCommitStore & Required<Pick<GitStore, 'parentOf'>> {
  if (!('writeCommit' in store) || !store.parentOf)
    throw new AppError('not_implemented', `docs PRs in ${label} cannot be rebuilt or joined by docflow`);
  return store as DetachedCommitStore & Required<Pick<GitStore, 'parentOf'>>;
}

function byPath(edits: Edit[]): Map<string, Edit[]> {
  const grouped = new Map<string, Edit[]>();
  for (const edit of edits) grouped.set(edit.path, [...(grouped.get(edit.path) ?? []), edit]);
  return grouped;
}

/**
 * The docs PRs of a git destination, done once for every git host: a branch `docflow/<run id>` holding one commit
 * per run that published to it (the run's own, then those that joined), each with its trailers.
 */
export function docsPullRequests<D extends GitDestination>(parts: Parts<D>, host: DocsPRHost<D>): DocsPullRequests<D> {
  async function requireHead(store: GitStore, d: D, branch: string): Promise<string> {
    const head = await store.branchHead(branch);
    if (!head) throw new AppError('not_found', `branch ${branch} does not exist in ${parts.label(d)}`);
    return head;
  }

  return {
    status: (d, runId) => host.status(d, runBranch(runId)),
    close: (d, runId, comment) => host.close(d, runBranch(runId), comment),

    async reapply(d, runId, commits): Promise<ReapplyResult> {
      const label = parts.label(d);
      const store = detached(await parts.store(d), label);
      const branch = runBranch(runId);
      const head = await requireHead(store, d, branch);
      // The branch must hold exactly the commits docflow published, newest last; anyone else's work is left alone.
      let below: string | undefined = head;
      for (const request of [...commits].reverse()) {
        if (!below || commitOwner(await store.commitMessage(below), request) !== 'this')
          throw new AppError('branch_conflict', `${branch} in ${label} holds commits docflow did not publish`);
        below = await store.parentOf(below);
      }
      if (!below) throw new AppError('branch_conflict', `${branch} in ${label} has no base commit`);
      const base = await parts.baseCommit(store, d);
      if (below === base) return { outcome: 'current', conflicts: [] };
      const paths = [...new Set(commits.flatMap((c) => c.edits.map((e) => e.path)))];
      let moved = false;
      for (const path of paths)
        if ((await store.readFile(below, path)) !== (await store.readFile(base, path))) moved = true;
      if (!moved) return { outcome: 'current', conflicts: [] };

      const pages: Record<string, string | undefined> = {};
      const conflicts = new Set<string>();
      let parent = base;
      for (const request of commits) {
        const files: Record<string, string> = {};
        for (const [path, edits] of byPath(request.edits)) {
          if (conflicts.has(path)) continue;
          const current = path in pages ? pages[path] : await store.readFile(base, path);
          try {
            const applied = applyEdits(current === undefined ? {} : { [path]: current }, edits)[path]!;
            files[path] = pages[path] = applied;
          } catch (error) {
            if (!(error instanceof EditConflictError)) throw error;
            conflicts.add(path);
          }
        }
        if (Object.keys(files).length)
          parent = await store.writeCommit(parent, files, commitMessage(request), request.timestamp);
      }
      const named = [...conflicts].map((p) => `\`${p}\``).join(', ');
      if (parent === base) {
        await host.comment(
          d,
          branch,
          `The docs base branch \`${d.baseBranch}\` changed ${named} since docflow opened this pull request, and its edits no longer apply there. A person needs to update ${conflicts.size === 1 ? 'that page' : 'those pages'}.`,
        );
        return { outcome: 'conflict', conflicts: [...conflicts] };
      }
      if (!(await store.moveBranch(branch, parent, head)))
        throw new Error(`branch ${branch} moved while docflow rebuilt it; the next check tries again`);
      if (conflicts.size)
        await host.comment(
          d,
          branch,
          `docflow rebuilt this pull request on the new \`${d.baseBranch}\`. The edits of ${named} no longer apply there and were left out: a person needs to update ${conflicts.size === 1 ? 'that page' : 'those pages'}.`,
        );
      return { outcome: 'rebuilt', conflicts: [...conflicts], commit: parent };
    },

    async append(d, runId, request): Promise<PublishResult> {
      const label = parts.label(d);
      const store = detached(await parts.store(d), label);
      const branch = runBranch(runId);
      const head = await requireHead(store, d, branch);
      let commit: string | undefined = head;
      for (let i = 0; commit && i < maxCommits; i++) {
        const message = await store.commitMessage(commit);
        if (!isDocflowCommit(message)) break;
        if (commitOwner(message, request) === 'this')
          return host.presentJoined(d, { branch, commit, created: false }, request);
        commit = await store.parentOf(commit);
      }
      const updated = await editedPages(request.edits, d.docsDir, async (path) => {
        const text = await store.readFile(head, path);
        if (text === undefined) throw new AppError('edit_conflict', `${path} does not exist on ${branch} any more`);
        return text;
      });
      const added = await store.writeCommit(head, updated, commitMessage(request), request.timestamp);
      if (!(await store.moveBranch(branch, added, head)))
        throw new Error(`branch ${branch} moved while adding a commit; retrying`);
      return host.presentJoined(d, { branch, commit: added, created: true }, request);
    },
  };
}
