import type { Octokit } from 'octokit';
import { AppError } from '../../core/errors.js';
import type { DocsPRHost } from '../kit/git-publish/docs-pull-requests.js';
import { splitRepo } from './repo-name.js';
import type { GitHubDestination } from './schemas.js';

/** The pull request whose head is `branch` (the newest, open or closed). */
async function pullFor(octokit: Octokit, d: GitHubDestination, branch: string) {
  const { owner, repo } = splitRepo(d.repo);
  const pull = (await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'all', per_page: 10 }))
    .data[0];
  if (!pull) throw new AppError('not_found', `no pull request from ${branch} in ${d.repo}`);
  return pull;
}

const joinedMarker = (runId: string) => `<!-- docflow-joined:${runId} -->`;

/** Docs PRs on GitHub: state and reviews from the pulls API, closing with an issue comment, joined sources in the body. */
export function githubDocsPRs(client: (d: GitHubDestination) => Promise<Octokit>): DocsPRHost<GitHubDestination> {
  return {
    async status(d, branch) {
      const octokit = await client(d);
      const pull = await pullFor(octokit, d, branch);
      const { owner, repo } = splitRepo(d.repo);
      const reviews = (await octokit.rest.pulls.listReviews({ owner, repo, pull_number: pull.number, per_page: 1 }))
        .data;
      const state = pull.state === 'open' ? 'open' : pull.merged_at ? 'merged' : 'closed';
      return { state, reviewed: reviews.length > 0 };
    },

    async close(d, branch, comment) {
      const octokit = await client(d);
      const pull = await pullFor(octokit, d, branch);
      const { owner, repo } = splitRepo(d.repo);
      if (pull.state !== 'open') return;
      await octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: comment });
      await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed' });
    },

    async comment(d, branch, text) {
      const octokit = await client(d);
      const pull = await pullFor(octokit, d, branch);
      const { owner, repo } = splitRepo(d.repo);
      await octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: text });
    },

    async presentJoined(d, pushed, request) {
      const octokit = await client(d);
      const pull = await pullFor(octokit, d, pushed.branch);
      const { owner, repo } = splitRepo(d.repo);
      const marker = joinedMarker(request.runId);
      const body = pull.body ?? '';
      if (!body.includes(marker))
        await octokit.rest.pulls.update({
          owner,
          repo,
          pull_number: pull.number,
          body: `${body}\nAlso: ${request.sourceLabel} — ${request.title} ${marker}`,
        });
      return { location: pull.html_url, url: pull.html_url, ...pushed };
    },
  };
}
