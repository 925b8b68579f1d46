import { AppError } from '../../core/errors.js';
import type { BranchCommitStore } from '../kit/git-publish/git-store.js';
import { isStatus, repoPath, type BitbucketApi } from './api.js';

interface Entry {
  type: 'commit_file' | 'commit_directory' | 'commit_link';
  path: string;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

async function unless404<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** A Bitbucket repository: branch heads through refs, files through `/src`, one commit per publish through `POST /src`. */
export function bitbucketGitStore(api: BitbucketApi, fullName: string): BranchCommitStore {
  const repo = repoPath(fullName);
  const branchHead = async (branch: string) =>
    (
      await unless404(() =>
        api.get<{ target: { hash: string } }>(`${repo}/refs/branches/${encodeURIComponent(branch)}`),
      )
    )?.target.hash;
  const readFile = (revision: string, path: string) =>
    unless404(() => api.text(`${repo}/src/${revision}/${encodePath(path)}`));

  async function listDirectory(revision: string, dir: string): Promise<string[]> {
    const entries = await unless404(() =>
      api.all<Entry>(`${repo}/src/${revision}/${dir ? `${encodePath(dir)}/` : ''}`),
    );
    const files: string[] = [];
    for (const entry of entries ?? []) {
      if (entry.type === 'commit_file') files.push(entry.path);
      else if (entry.type === 'commit_directory') files.push(...(await listDirectory(revision, entry.path)));
    }
    return files;
  }

  return {
    branchHead,
    commitMessage: async (commit) => (await api.get<{ message: string }>(`${repo}/commit/${commit}`)).message,

    async listFiles(revision, prefix) {
      return (await listDirectory(revision, prefix.replace(/\/$/, ''))).map((path) => ({ path }));
    },

    readFile: (revision, path) => readFile(revision, path),

    async deleteBranch(branch, expected) {
      // Bitbucket deletes a branch unconditionally: it is checked to be still at `expected` just before.
      const head = await branchHead(branch);
      if (head === undefined) return;
      if (head !== expected)
        throw new AppError('branch_conflict', `branch ${branch} moved in ${fullName} while docflow was deleting it`);
      await unless404(() => api.send('DELETE', `${repo}/refs/branches/${encodeURIComponent(branch)}`));
    },

    async commitOnBranch(branch, base, files, message, expected) {
      const form = new FormData();
      form.append('message', message);
      form.append('branch', branch);
      form.append('author', 'docflow <docflow@users.noreply.bitbucket.org>');
      // With parents on an existing branch, Bitbucket commits only if the branch is still there (409 otherwise).
      form.append('parents', expected ?? base);
      const contents = { ...files };
      const deleted: string[] = [];
      if (expected) {
        // Replacing an earlier draft on top of it: what that draft changed and this one does not goes back to the base.
        const drafted = await api.all<{ old?: { path: string } | null; new?: { path: string } | null }>(
          `${repo}/diffstat/${expected}..${base}`,
        );
        for (const path of new Set(drafted.flatMap((s) => [s.old?.path, s.new?.path]).filter(Boolean) as string[])) {
          if (path in contents) continue;
          const original = await readFile(base, path);
          if (original === undefined) deleted.push(path);
          else contents[path] = original;
        }
      }
      // As files: string fields would have their line endings rewritten to CRLF by multipart encoding.
      for (const [path, text] of Object.entries(contents)) form.append(path, new Blob([text]), path.split('/').pop());
      for (const path of deleted) form.append('files', path);
      try {
        const location = await api.postForm(`${repo}/src`, form);
        return location?.match(/\/commit\/([0-9a-f]{40})$/)?.[1] ?? (await branchHead(branch));
      } catch (error) {
        if (isStatus(error, 409)) return undefined;
        throw error;
      }
    },
  };
}
