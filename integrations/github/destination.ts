import type { Logger } from 'pino';
import type { Octokit } from 'octokit';
import { createGitDestination } from '../kit/git-publish/git-destination.js';
import type { PublishRequest, PublishResult } from '../contract.js';
import type { GitHubClients } from './clients.js';
import { githubDocsPRs } from './docs-prs.js';
import { githubGitStore } from './git-store.js';
import { requestReviewers } from './review-requests.js';
import { splitRepo } from './repo-name.js';
import type { GitHubDestination } from './schemas.js';

/** A docs repository on GitHub: one branch and one pull request per run, found again by its head branch. */
export function createGitHubDestination(clients: GitHubClients, logger: Logger) {
  const client = (d: GitHubDestination) => clients.forRepo(d.integrationId, d.repo);
  return createGitDestination<GitHubDestination>({
    store: async (d) => githubGitStore(await client(d), d.repo),
    label: (d) => d.repo,
    present: async (d, pushed, request) => {
      const octokit = await client(d);
      const result = await pullRequestFor(octokit, d, pushed.branch, request, pushed.commit);
      if (request.reviewers?.length && result.pull.state === 'open')
        await requestReviewers(octokit, logger, { ...splitRepo(d.repo), ...result.pull }, request.reviewers);
      return result.published;
    },
    pullRequests: githubDocsPRs(client),
    async withdraw(d, branch) {
      const octokit = await client(d);
      const { owner, repo } = splitRepo(d.repo);
      const pr = (
        await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'all', per_page: 10 })
      ).data[0];
      if (!pr) return undefined;
      if (pr.state === 'open')
        await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, state: 'closed' });
      return `closed pull request ${pr.html_url}`;
    },
    async markReady(d, runId) {
      const octokit = await client(d);
      const { owner, repo } = splitRepo(d.repo);
      const pr = (
        await octokit.rest.pulls.list({ owner, repo, head: `${owner}:docflow/${runId}`, state: 'open', per_page: 10 })
      ).data[0];
      if (!pr) return 'nothing_published';
      if (!pr.draft) return 'not_draft';
      // REST cannot take a pull request out of draft; GraphQL can.
      await octokit.graphql(
        'mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { id isDraft } } }',
        { id: pr.node_id },
      );
      return 'marked';
    },
  });
}

/** Opens the run's pull request, or updates the one that exists for its branch. */
async function pullRequestFor(
  octokit: Octokit,
  d: GitHubDestination,
  branch: string,
  request: PublishRequest,
  commit: string,
): Promise<{ published: PublishResult; pull: { number: number; state: string; author: string | undefined } }> {
  const { owner, repo } = splitRepo(d.repo);
  const body = [request.body, `\n---\nSource: ${request.sourceLabel}`, `\n<!-- docflow:${request.runId} -->`].join(
    '\n',
  );
  const existing = (
    await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'all', per_page: 10 })
  ).data[0];
  let pr = existing;
  let created = false;
  if (!pr) {
    pr = (
      await octokit.rest.pulls.create({
        owner,
        repo,
        head: branch,
        base: d.baseBranch,
        title: request.title,
        body,
        draft: d.draftUntilSourceMerged && !request.sourceMerged,
      })
    ).data as typeof existing;
    created = true;
  } else if (pr.title !== request.title || pr.body !== body) {
    await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title: request.title, body });
  }
  return {
    published: { location: pr!.html_url, url: pr!.html_url, branch, commit, created },
    pull: { number: pr!.number, state: pr!.state, author: pr!.user?.login },
  };
}
