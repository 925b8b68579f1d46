import { AppError } from '../../core/errors.js';
import type { BranchCommitStore } from '../kit/git-publish/git-store.js';
import { filePath, isStatus, projectPath, type GitLabApi } from './api.js';

interface TreeEntry {
  id: string;
  type: 'blob' | 'tree' | 'commit';
  path: string;
}

async function unless404<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * A GitLab project: branch heads through the branches API, files through the repository tree and
 * files APIs, and one commit per publish through `POST /repository/commits` with an action per page.
 */
export function gitlabGitStore(api: GitLabApi, fullPath: string): BranchCommitStore {
  const project = projectPath(fullPath);
  const branchHead = async (branch: string) =>
    (
      await unless404(() =>
        api.get<{ commit: { id: string } }>(`${project}/repository/branches/${encodeURIComponent(branch)}`),
      )
    )?.commit.id;
  const readFile = (revision: string, path: string) =>
    unless404(() => api.text(`${project}/repository/files/${filePath(path)}/raw`, { ref: revision }));

  return {
    branchHead,
    commitMessage: async (commit) =>
      (await api.get<{ message: string }>(`${project}/repository/commits/${encodeURIComponent(commit)}`)).message,

    async listFiles(revision, prefix) {
      const path = prefix.replace(/\/$/, '');
      // Keyset pagination: the tree of a large docs folder is followed through its Link headers.
      const entries = await unless404(() =>
        api.all<TreeEntry>(`${project}/repository/tree`, {
          ref: revision,
          recursive: 'true',
          pagination: 'keyset',
          ...(path ? { path } : {}),
        }),
      );
      return (entries ?? []).filter((e) => e.type === 'blob').map((e) => ({ path: e.path }));
    },

    readFile: (revision, path) => readFile(revision, path),

    async deleteBranch(branch, expected) {
      // GitLab deletes a branch unconditionally: it is checked to be still at `expected` just before.
      const head = await branchHead(branch);
      if (head === undefined) return;
      if (head !== expected)
        throw new AppError('branch_conflict', `branch ${branch} moved in ${fullPath} while docflow was deleting it`);
      await unless404(() => api.send('DELETE', `${project}/repository/branches/${encodeURIComponent(branch)}`));
    },

    /**
     * GitLab's commits API has no "only if the branch is still at" condition. A new branch is created
     * from `base` (GitLab refuses when it exists already: someone was first); an earlier draft is
     * replaced by a commit on `base` (`force`), after checking the branch is still at that draft, so
     * the docs merge request always holds one commit.
     */
    async commitOnBranch(branch, base, files, message, expected) {
      if (expected !== undefined && (await branchHead(branch)) !== expected) return undefined;
      const actions = [];
      for (const [path, content] of Object.entries(files)) {
        const exists = (await readFile(base, path)) !== undefined;
        actions.push({ action: exists ? 'update' : 'create', file_path: path, content, encoding: 'text' });
      }
      try {
        const commit = await api.send<{ id: string }>('POST', `${project}/repository/commits`, {
          branch,
          start_sha: base,
          commit_message: message,
          actions,
          ...(expected !== undefined ? { force: true } : {}),
        });
        return commit.id;
      } catch (error) {
        // "A branch called … already exists": another attempt created it first.
        if (expected === undefined && isStatus(error, 400) && (await branchHead(branch)) !== undefined)
          return undefined;
        throw error;
      }
    },
  };
}
