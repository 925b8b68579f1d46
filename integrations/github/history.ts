import { AppError } from '../../core/errors.js';
import type { HistoryWindow, PastChange } from '../contract.js';
import type { GitHubClients } from './clients.js';
import { splitRepo } from './repo-name.js';
import type { GitHubSource, GitHubTrigger } from './schemas.js';

/**
 * The pull requests merged in the window in the trigger's repositories, newest `limit` of them, oldest first.
 * Closed pull requests are read by last update, newest first, so the listing stops at the first one
 * updated before the window (a merge is an update). Keyed as the webhook keys them (`owner/repo#12`).
 */
export async function githubHistory(
  clients: GitHubClients,
  trigger: GitHubTrigger,
  window: HistoryWindow,
): Promise<PastChange[]> {
  if (trigger.on === 'every_push')
    throw new AppError(
      'invalid_request',
      'a trigger "on": "every_push" acts on pushes, which GitHub keeps no list of; backfill reads merged pull requests',
    );
  if (!trigger.repos)
    throw new AppError('invalid_request', 'a trigger naming "topics" cannot be backfilled: name its "repos"');
  const found: PastChange[] = [];
  for (const fullName of trigger.repos.filter((r) => !trigger.excludeRepos.includes(r))) {
    const octokit = await clients.forRepo(trigger.integrationId, fullName);
    const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
      ...splitRepo(fullName),
      state: 'closed',
      sort: 'updated',
      direction: 'desc',
      per_page: 100,
    });
    listing: for await (const { data } of pages) {
      for (const pr of data) {
        if (Date.parse(pr.updated_at) < window.since.getTime()) break listing;
        if (!pr.merged_at || Date.parse(pr.merged_at) < window.since.getTime()) continue;
        const source: GitHubSource = {
          type: 'github',
          integrationId: trigger.integrationId,
          repo: fullName,
          pullNumber: pr.number,
          base: pr.base.sha,
          head: pr.head.sha,
        };
        found.push({
          workflowKey: `${fullName}#${pr.number}`,
          source,
          label: `${fullName}#${pr.number} ${pr.title}`,
          at: new Date(pr.merged_at).toISOString(),
          merged: true,
          ...(pr.head.ref.startsWith('docflow/')
            ? { skip: { reason: 'opened_by_docflow', message: `#${pr.number} is a docflow pull request` } }
            : {}),
        });
      }
    }
  }
  return found
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, window.limit)
    .reverse();
}
