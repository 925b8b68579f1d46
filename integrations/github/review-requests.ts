import type { Logger } from 'pino';
import { RequestError, type Octokit } from 'octokit';
import type { SuggestedReviewer } from '../../core/suggested-reviewers.js';

/**
 * Asks the suggested reviewers to review the run's pull request: users by login, and teams of the
 * repository's organisation by slug (`acme/docs` → `docs`). GitHub refuses a review request from the pull
 * request's own author, so that login is left out. Requesting someone already requested changes nothing.
 */
export async function requestReviewers(
  octokit: Octokit,
  logger: Logger,
  pull: { owner: string; repo: string; number: number; author: string | undefined },
  suggested: SuggestedReviewer[],
): Promise<void> {
  const author = pull.author?.toLowerCase();
  const reviewers = suggested.filter((r) => r.kind === 'user' && r.name.toLowerCase() !== author).map((r) => r.name);
  const teams = suggested
    .filter((r) => r.kind === 'team')
    .map((r) => r.name.split('/'))
    .filter((parts) => parts.length === 1 || parts[0]!.toLowerCase() === pull.owner.toLowerCase())
    .map((parts) => parts[parts.length - 1]!);
  if (!reviewers.length && !teams.length) return;
  try {
    await octokit.rest.pulls.requestReviewers({
      owner: pull.owner,
      repo: pull.repo,
      pull_number: pull.number,
      reviewers,
      team_reviewers: teams,
    });
  } catch (error) {
    // 422: someone named is not a collaborator (or no such team). The update is published all the same;
    // the pull request stays open for anyone to review, so this is reported rather than failing the run.
    if (!(error instanceof RequestError) || error.status !== 422) throw error;
    logger.warn(
      { pull: `${pull.owner}/${pull.repo}#${pull.number}`, reviewers, teams, reason: error.message },
      'GitHub refused the review request',
    );
  }
}
