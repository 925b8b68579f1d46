import type { Octokit } from 'octokit';
import { AppError } from '../../core/errors.js';
import type { DocPage } from '../../core/change.js';
import { commitMessage, commitOwner } from '../kit/git-publish/commit-trailers.js';
import { editedPages } from '../kit/git-publish/edited-pages.js';
import type { DestinationAdapter, PublishRequest, PublishResult } from '../contract.js';
import type { GitHubClients } from './clients.js';
import { splitRepo } from './repo-name.js';
import type { GitHubDestination } from './schemas.js';

const docExtensions = /\.(md|mdx|markdown|rst|adoc|txt)$/i;
const maxPages = 1000;
const status = (error: unknown) => (error as { status?: number }).status;

/**
 * Publishes through the git data API: blobs → tree (on the base tree) → commit → ref, then one pull
 * request per run, found again by its head branch, so retries and replays never open a second one.
 */
export function createGitHubDestination(clients: GitHubClients): DestinationAdapter<GitHubDestination> {
  const client = (d: GitHubDestination) => clients.forRepo(d.integrationId, d.repo);

  async function baseCommit(octokit: Octokit, d: GitHubDestination): Promise<string> {
    try {
      return (await octokit.rest.git.getRef({ ...splitRepo(d.repo), ref: `heads/${d.baseBranch}` })).data.object.sha;
    } catch (error) {
      if (status(error) === 404) throw new AppError('invalid_destination', `branch "${d.baseBranch}" does not exist in ${d.repo}`, [{ path: 'baseBranch', message: 'unknown branch' }]);
      throw error;
    }
  }

  return {
    async validateDestination(d) {
      await baseCommit(await client(d), d);
    },

    async readDocs(d) {
      const octokit = await client(d);
      const { owner, repo } = splitRepo(d.repo);
      const revision = await baseCommit(octokit, d);
      const prefix = d.docsDir.replace(/^\.?\/?/, '').replace(/\/?$/, '/');
      const tree = (await octokit.rest.git.getTree({ owner, repo, tree_sha: revision, recursive: 'true' })).data.tree;
      const files = tree.filter((e) => e.type === 'blob' && e.path && (prefix === '/' || e.path.startsWith(prefix)) && docExtensions.test(e.path)).slice(0, maxPages);
      const pages: DocPage[] = [];
      for (const file of files) {
        const blob = (await octokit.rest.git.getBlob({ owner, repo, file_sha: file.sha! })).data;
        pages.push({ path: file.path!, text: Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8') });
      }
      return { revision, pages };
    },

    async readFile(d, path) {
      const octokit = await client(d);
      try {
        return await fileText(octokit, d.repo, path, `heads/${d.baseBranch}`);
      } catch (error) {
        if (error instanceof AppError && error.code === 'edit_conflict') return undefined;
        throw error;
      }
    },

    async markReady(d, runId) {
      const octokit = await client(d);
      const { owner, repo } = splitRepo(d.repo);
      const pr = (await octokit.rest.pulls.list({ owner, repo, head: `${owner}:docflow/${runId}`, state: 'open', per_page: 10 })).data[0];
      if (!pr) return 'nothing_published';
      if (!pr.draft) return 'not_draft';
      // REST cannot take a pull request out of draft; GraphQL can.
      await octokit.graphql('mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { id isDraft } } }', { id: pr.node_id });
      return 'marked';
    },

    async publish(d, request) {
      const octokit = await client(d);
      const { owner, repo } = splitRepo(d.repo);
      const branch = `docflow/${request.runId}`;
      const state = await branchState(octokit, d, branch, request);
      if (state.published) return pullRequestFor(octokit, d, branch, request, state.published);

      const base = await baseCommit(octokit, d);
      const baseTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: base })).data.tree.sha;
      const updated = await editedPages(request.edits, d.docsDir, (path) => fileText(octokit, d.repo, path, base));
      const tree = [];
      for (const [path, content] of Object.entries(updated)) {
        const blob = await octokit.rest.git.createBlob({ owner, repo, content: Buffer.from(content).toString('base64'), encoding: 'base64' });
        tree.push({ path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
      }
      const newTree = await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree });
      const date = new Date(request.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const identity = { name: 'docflow', email: 'docflow@users.noreply.github.com', date };
      const commit = (await octokit.rest.git.createCommit({ owner, repo, message: commitMessage(request), tree: newTree.data.sha, parents: [base], author: identity, committer: identity })).data.sha;
      try {
        if (state.head) await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit, force: true });
        else await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit });
      } catch (error) {
        const raced = status(error) === 422 ? await branchState(octokit, d, branch, request) : {};
        if (!raced.published) throw error;
        return pullRequestFor(octokit, d, branch, request, raced.published);
      }
      return pullRequestFor(octokit, d, branch, request, commit);
    },
  };
}

/** Nothing on the branch yet, this suggestion (published), an earlier draft of the run (replaced), or someone else's work (refused). */
async function branchState(octokit: Octokit, d: GitHubDestination, branch: string, request: PublishRequest): Promise<{ head?: string; published?: string }> {
  const { owner, repo } = splitRepo(d.repo);
  let head: string;
  try {
    head = (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
  } catch (error) {
    if (status(error) === 404) return {};
    throw error;
  }
  const message = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: head })).data.message;
  const owned = commitOwner(message, request);
  if (owned === 'foreign') throw new AppError('branch_conflict', `branch ${branch} exists in ${d.repo} and its last commit was not made by docflow for this run`);
  return owned === 'this' ? { head, published: head } : { head };
}

/** Opens the run's pull request, or updates the one that exists for its branch. */
async function pullRequestFor(octokit: Octokit, d: GitHubDestination, branch: string, request: PublishRequest, commit: string): Promise<PublishResult> {
  const { owner, repo } = splitRepo(d.repo);
  const body = [request.body, `\n---\nSource: ${request.sourceLabel}`, `\n<!-- docflow:${request.runId} -->`].join('\n');
  const existing = (await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'all', per_page: 10 })).data[0];
  let pr = existing;
  let created = false;
  if (!pr) {
    pr = (await octokit.rest.pulls.create({ owner, repo, head: branch, base: d.baseBranch, title: request.title, body, draft: d.draftUntilSourceMerged && !request.sourceMerged })).data as typeof existing;
    created = true;
  } else if (pr.title !== request.title || pr.body !== body) {
    await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title: request.title, body });
  }
  return { location: pr!.html_url, url: pr!.html_url, branch, commit, created };
}

async function fileText(octokit: Octokit, fullName: string, path: string, ref: string): Promise<string> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...splitRepo(fullName), path, ref });
    if (Array.isArray(data) || !('content' in data)) throw new AppError('edit_conflict', `${path} is not a file in ${fullName}`);
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (status(error) === 404) throw new AppError('edit_conflict', `${path} does not exist on the docs base branch any more`);
    throw error;
  }
}
