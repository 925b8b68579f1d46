import type { PublishRequest, PublishResult } from '../contract.js';
import { createGitDestination } from '../kit/git-publish/git-destination.js';
import { repoPath, type BitbucketApi } from './api.js';
import type { BitbucketClients } from './clients.js';
import { bitbucketGitStore } from './git-store.js';
import type { BitbucketDestination } from './schemas.js';

interface PullRequest {
  id: number;
  title: string;
  description: string;
  links: { html: { href: string } };
}

/** A docs repository on Bitbucket: one branch, one commit and one pull request per run, found again by its source branch. */
export function createBitbucketDestination(clients: BitbucketClients) {
  const api = (d: BitbucketDestination) => clients.api(d.integrationId);
  return createGitDestination<BitbucketDestination>({
    store: async (d) => bitbucketGitStore(await api(d), d.repo),
    label: (d) => d.repo,
    present: async (d, pushed, request) => pullRequestFor(await api(d), d, pushed.branch, request, pushed.commit),
  });
}

/** Opens the run's pull request, or updates the one that exists for its branch. */
async function pullRequestFor(
  api: BitbucketApi,
  d: BitbucketDestination,
  branch: string,
  request: PublishRequest,
  commit: string,
): Promise<PublishResult> {
  const path = `${repoPath(d.repo)}/pullrequests`;
  const description = [
    request.body,
    `\n---\nSource: ${request.sourceLabel}`,
    `\n[//]: # (docflow:${request.runId})`,
  ].join('\n');
  const [existing] = await api.all<PullRequest>(path, {
    q: `source.branch.name = "${branch}"`,
    state: ['OPEN', 'MERGED', 'DECLINED'],
  });
  let pr = existing;
  let created = false;
  if (!pr) {
    pr = await api.send<PullRequest>('POST', path, {
      title: request.title,
      description,
      source: { branch: { name: branch } },
      destination: { branch: { name: d.baseBranch } },
    });
    created = true;
  } else if (pr.title !== request.title || pr.description !== description) {
    await api.send('PUT', `${path}/${pr.id}`, { title: request.title, description });
  }
  const url = pr.links.html.href;
  return { location: url, url, branch, commit, created };
}
