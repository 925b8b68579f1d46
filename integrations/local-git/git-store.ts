import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { GitStore } from '../kit/git-publish/git-store.js';
import { ImmutableCache } from '../kit/immutable-cache.js';
import { git, GitCommandError } from './git.js';
import { commitMessage, isCommitId, readText, resolveCommit } from './objects.js';

/** Tree listings by commit id and folder: one `ls-tree` per docs commit, however many runs read it. */
const listings = new ImmutableCache<{ path: string }[]>(16 * 1024 * 1024, (files) =>
  files.reduce((bytes, f) => bytes + f.path.length * 2 + 64, 0),
);

const zeroId = '0'.repeat(40);

/**
 * A repository on this machine, written with plumbing only (hash-object, a private index file,
 * write-tree, commit-tree, update-ref), so its checked-out working tree and index are never touched.
 */
export function localGitStore(repo: string): GitStore {
  return {
    branchHead: (branch) => resolveCommit(repo, `refs/heads/${branch}`),

    commitMessage: (commit) => commitMessage(repo, commit),

    parentOf: (commit) => resolveCommit(repo, `${commit}^`),

    listFiles(revision, prefix) {
      const load = async () => {
        const listing = await git(repo, ['ls-tree', '-r', '-z', '--name-only', revision, '--', prefix || '.']);
        return listing
          .split('\0')
          .filter(Boolean)
          .map((file) => ({ path: file }));
      };
      return isCommitId(revision) ? listings.get(`${repo}\0${revision}\0${prefix}`, load) : load();
    },

    readFile: (revision, file) => readText(repo, revision, file),

    async writeCommit(base, files, message, timestamp) {
      const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'docflow-index-'));
      const env = { GIT_INDEX_FILE: path.join(tempDir, 'index') };
      try {
        await git(repo, ['read-tree', base], { env });
        for (const [file, text] of Object.entries(files)) {
          const blob = (await git(repo, ['hash-object', '-w', '--no-filters', '--stdin'], { input: text })).trim();
          const mode = (await git(repo, ['ls-tree', base, '--', file])).split(' ')[0] || '100644';
          await git(repo, ['update-index', '--add', '--cacheinfo', `${mode},${blob},${file}`], { env });
        }
        const tree = (await git(repo, ['write-tree'], { env })).trim();
        const date = `${Math.floor(timestamp / 1000)} +0000`;
        const identity = {
          GIT_AUTHOR_NAME: 'docflow',
          GIT_AUTHOR_EMAIL: 'docflow@localhost',
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_NAME: 'docflow',
          GIT_COMMITTER_EMAIL: 'docflow@localhost',
          GIT_COMMITTER_DATE: date,
        };
        return (
          await git(repo, ['commit-tree', tree, '-p', base, '-F', '-'], { input: message, env: identity })
        ).trim();
      } finally {
        await fs.rm(tempDir, { recursive: true, force: true });
      }
    },

    async deleteBranch(branch, expected) {
      if ((await resolveCommit(repo, `refs/heads/${branch}`)) === undefined) return;
      // Compare-and-swap: a branch someone moved since is refused, not deleted.
      await git(repo, ['update-ref', '-d', '-m', `docflow: unpublish ${branch}`, `refs/heads/${branch}`, expected]);
    },

    async moveBranch(branch, commit, expected) {
      try {
        // Compare-and-swap: create the branch, or move it from the draft this run published before.
        await git(repo, [
          'update-ref',
          '-m',
          `docflow: publish ${branch}`,
          `refs/heads/${branch}`,
          commit,
          expected ?? zeroId,
        ]);
        return true;
      } catch (error) {
        if (error instanceof GitCommandError && (await resolveCommit(repo, `refs/heads/${branch}`)) !== expected)
          return false;
        throw error;
      }
    },
  };
}
