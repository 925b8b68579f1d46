import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../core/errors.js';
import type { DocPage } from '../../core/change.js';
import { commitMessage, commitOwner } from '../kit/git-publish/commit-trailers.js';
import { editedPages } from '../kit/git-publish/edited-pages.js';
import type { DestinationAdapter, PublishRequest, PublishResult } from '../contract.js';
import { git, GitCommandError, isGitRepository, resolveCommit } from './git.js';
import type { LocalGitDestination } from './schemas.js';

const docExtensions = /\.(md|mdx|markdown|txt|rst|adoc)$/i;
const zeroId = '0'.repeat(40);

/**
 * Publishes with git plumbing only (hash-object, a private index file, write-tree, commit-tree,
 * update-ref), so the repository's checked-out working tree and index are never touched.
 */
export const localGitDestination: DestinationAdapter<LocalGitDestination> = {
  async validateDestination(destination) {
    if (!(await isGitRepository(destination.repo))) {
      throw new AppError('invalid_destination', `${destination.repo} is not a git repository`, [
        { path: 'repo', message: 'not a git repository' },
      ]);
    }
    if (!(await resolveCommit(destination.repo, `refs/heads/${destination.baseBranch}`))) {
      throw new AppError('invalid_destination', `branch "${destination.baseBranch}" does not exist in ${destination.repo}`, [
        { path: 'baseBranch', message: 'unknown branch' },
      ]);
    }
  },

  async readDocs(destination) {
    await this.validateDestination(destination);
    const revision = (await resolveCommit(destination.repo, `refs/heads/${destination.baseBranch}`))!;
    const listing = await git(destination.repo, ['ls-tree', '-r', '-z', '--name-only', revision, '--', docsPrefix(destination)]);
    const pages: DocPage[] = [];
    for (const file of listing.split('\0').filter((name) => docExtensions.test(name))) {
      pages.push({ path: file, text: await git(destination.repo, ['cat-file', 'blob', `${revision}:${file}`]) });
    }
    return { revision, pages };
  },

  async readFile(destination, file) {
    try {
      return await git(destination.repo, ['cat-file', 'blob', `refs/heads/${destination.baseBranch}:${file}`]);
    } catch (error) {
      if (error instanceof GitCommandError) return undefined;
      throw error;
    }
  },

  async publish(destination, request) {
    await this.validateDestination(destination);
    const branch = `docflow/${request.runId}`;
    const existing = await branchState(destination.repo, branch, request);
    if (existing.published) return existing.published;

    const base = (await resolveCommit(destination.repo, `refs/heads/${destination.baseBranch}`))!;
    const commit = await writeCommit(destination, base, request);
    try {
      // Compare-and-swap: create the branch, or move it from the earlier draft this run published.
      await git(destination.repo, ['update-ref', '-m', `docflow: publish ${request.runId}`, `refs/heads/${branch}`, commit, existing.head ?? zeroId]);
    } catch (error) {
      // Another attempt won the race; accept its result if it published the same suggestion.
      const raced = await branchState(destination.repo, branch, request);
      if (raced.published) return raced.published;
      throw error;
    }
    return { location: `${destination.repo}#${branch}`, branch, commit, created: true };
  },
};

function docsPrefix(destination: LocalGitDestination): string {
  const dir = destination.docsDir.replace(/^\.\/?/, '').replace(/\/$/, '');
  return dir === '' ? '.' : `${dir}/`;
}

/**
 * What the run's branch holds: nothing yet, this suggestion (already published), or an earlier
 * suggestion of the same run (to be replaced). Anything else is someone else's work: refused.
 */
async function branchState(repo: string, branch: string, request: PublishRequest): Promise<{ head?: string; published?: PublishResult }> {
  const head = await resolveCommit(repo, `refs/heads/${branch}`);
  if (!head) return {};
  const owner = commitOwner(await git(repo, ['log', '-1', '--format=%B', head]), request);
  if (owner === 'this') return { head, published: { location: `${repo}#${branch}`, branch, commit: head, created: false } };
  if (owner === 'foreign') {
    throw new AppError('branch_conflict', `branch ${branch} already exists in ${repo} and its last commit was not made by docflow for this run`);
  }
  return { head };
}

async function writeCommit(destination: LocalGitDestination, base: string, request: PublishRequest): Promise<string> {
  const { repo } = destination;
  const updated = await editedPages(request.edits, destination.docsDir, (file) => readBlob(repo, base, file));

  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'docflow-index-'));
  const env = { GIT_INDEX_FILE: path.join(tempDir, 'index') };
  try {
    await git(repo, ['read-tree', base], { env });
    for (const [file, text] of Object.entries(updated)) {
      const blob = (await git(repo, ['hash-object', '-w', '--stdin'], { input: text })).trim();
      const mode = await fileMode(repo, base, file);
      await git(repo, ['update-index', '--add', '--cacheinfo', `${mode},${blob},${file}`], { env });
    }
    const tree = (await git(repo, ['write-tree'], { env })).trim();
    const date = `${Math.floor(request.timestamp / 1000)} +0000`;
    const identity = {
      GIT_AUTHOR_NAME: 'docflow',
      GIT_AUTHOR_EMAIL: 'docflow@localhost',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'docflow',
      GIT_COMMITTER_EMAIL: 'docflow@localhost',
      GIT_COMMITTER_DATE: date,
    };
    return (await git(repo, ['commit-tree', tree, '-p', base, '-F', '-'], { input: commitMessage(request), env: identity })).trim();
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true });
  }
}

async function readBlob(repo: string, revision: string, file: string): Promise<string> {
  try {
    return await git(repo, ['cat-file', 'blob', `${revision}:${file}`]);
  } catch (error) {
    if (error instanceof GitCommandError) throw new AppError('edit_conflict', `${file} does not exist on the docs base branch any more`);
    throw error;
  }
}

async function fileMode(repo: string, revision: string, file: string): Promise<string> {
  const entry = await git(repo, ['ls-tree', revision, '--', file]);
  return entry.split(' ')[0] || '100644';
}
