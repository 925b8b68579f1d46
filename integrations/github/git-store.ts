import type { Octokit } from 'octokit';
import type { GitStore } from '../kit/git-publish/git-store.js';
import { splitRepo } from './repo-name.js';

const status = (error: unknown) => (error as { status?: number }).status;

async function unless404<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (status(error) === 404) return undefined;
    throw error;
  }
}

/** A GitHub repository through the git data API: blobs → tree (on the base tree) → commit → ref. */
export function githubGitStore(octokit: Octokit, fullName: string): GitStore {
  const { owner, repo } = splitRepo(fullName);
  return {
    branchHead: async (branch) =>
      (await unless404(() => octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })))?.data.object.sha,

    commitMessage: async (commit) =>
      (await octokit.rest.git.getCommit({ owner, repo, commit_sha: commit })).data.message,

    parentOf: async (commit) =>
      (await octokit.rest.git.getCommit({ owner, repo, commit_sha: commit })).data.parents[0]?.sha,

    async listFiles(revision, prefix) {
      const tree = (await octokit.rest.git.getTree({ owner, repo, tree_sha: revision, recursive: 'true' })).data.tree;
      return tree
        .filter((e) => e.type === 'blob' && e.path?.startsWith(prefix))
        .map((e) => ({ path: e.path!, id: e.sha! }));
    },

    async readFile(revision, path, id) {
      if (id) {
        const blob = (await octokit.rest.git.getBlob({ owner, repo, file_sha: id })).data;
        return Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
      }
      const found = await unless404(() => octokit.rest.repos.getContent({ owner, repo, path, ref: revision }));
      if (!found || Array.isArray(found.data) || !('content' in found.data)) return undefined;
      return Buffer.from(found.data.content, 'base64').toString('utf8');
    },

    async writeCommit(base, files, message, timestamp) {
      const baseTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: base })).data.tree.sha;
      const tree = [];
      for (const [path, content] of Object.entries(files)) {
        const blob = await octokit.rest.git.createBlob({
          owner,
          repo,
          content: Buffer.from(content).toString('base64'),
          encoding: 'base64',
        });
        tree.push({ path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
      }
      const newTree = await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree });
      const date = new Date(timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const identity = { name: 'docflow', email: 'docflow@users.noreply.github.com', date };
      return (
        await octokit.rest.git.createCommit({
          owner,
          repo,
          message,
          tree: newTree.data.sha,
          parents: [base],
          author: identity,
          committer: identity,
        })
      ).data.sha;
    },

    async deleteBranch(branch) {
      // REST has no compare-and-swap on refs; a branch already gone answers 422 (or 404).
      try {
        await octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` });
      } catch (error) {
        if (status(error) !== 422 && status(error) !== 404) throw error;
      }
    },

    async moveBranch(branch, commit, expected) {
      try {
        // REST has no compare-and-swap on refs: a moved branch is found again by its commit trailers.
        if (expected)
          await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit, force: true });
        else await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit });
        return true;
      } catch (error) {
        if (status(error) === 422) return false;
        throw error;
      }
    },
  };
}
