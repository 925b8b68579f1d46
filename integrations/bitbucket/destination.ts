import type { Logger } from 'pino';
import type { PublishRequest, PublishResult } from '../contract.js';
import { createGitDestination } from '../kit/git-publish/git-destination.js';
import { isStatus, repoPath, type BitbucketApi } from './api.js';
import type { BitbucketClients } from './clients.js';
import { bitbucketGitStore } from './git-store.js';
import type { BitbucketDestination } from './schemas.js';

interface PullRequest {
  id: number;
  title: string;
  description: string;
  state: string;
  links: { html: { href: string } };
  author?: { uuid?: string };
  reviewers?: { uuid?: string }[];
}

const accountUuid = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

/** A docs repository on Bitbucket: one branch, one commit and one pull request per run, found again by its source branch. */
export function createBitbucketDestination(clients: BitbucketClients, logger: Logger) {
  const api = (d: BitbucketDestination) => clients.api(d.integrationId);
  return createGitDestination<BitbucketDestination>({
    store: async (d) => bitbucketGitStore(await api(d), d.repo),
    label: (d) => d.repo,
    present: async (d, pushed, request) =>
      pullRequestFor(await api(d), logger, d, pushed.branch, request, pushed.commit),
    withdraw: async (d, branch) => declinePullRequest(await api(d), d, branch),
  });
}

/** Declines the run's pull request; a merged one cannot be withdrawn and is said to be. */
async function declinePullRequest(api: BitbucketApi, d: BitbucketDestination, branch: string) {
  const path = `${repoPath(d.repo)}/pullrequests`;
  const [pr] = await api.all<PullRequest>(path, {
    q: `source.branch.name = "${branch}"`,
    state: ['OPEN', 'MERGED', 'DECLINED'],
  });
  if (!pr) return undefined;
  const url = pr.links.html.href;
  if (pr.state === 'MERGED') return `kept pull request ${url}: it was merged already`;
  if (pr.state === 'OPEN') await api.send('POST', `${path}/${pr.id}/decline`);
  return `declined pull request ${url}`;
}

/** Opens the run's pull request, or updates the one that exists for its branch. */
async function pullRequestFor(
  api: BitbucketApi,
  logger: Logger,
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
  if (pr.state === 'OPEN' && request.reviewers?.length)
    await addReviewers(api, logger, `${path}/${pr.id}`, pr, request, description);
  const url = pr.links.html.href;
  return { location: url, url, branch, commit, created };
}

/**
 * Adds the suggested reviewers Bitbucket can name: accounts by uuid (a Bitbucket pull request's author,
 * or a project reviewer given as `{uuid}`). Bitbucket's API has no usernames, so other names (CODEOWNERS
 * entries, say) cannot be requested and are logged. Bitbucket refuses the pull request's own author, and
 * learns the author only on creation, hence an update after it; reviewers already there are kept.
 */
async function addReviewers(
  api: BitbucketApi,
  logger: Logger,
  path: string,
  pr: PullRequest,
  request: PublishRequest,
  description: string,
): Promise<void> {
  const users = request.reviewers!.filter((r) => r.kind === 'user');
  const present = new Set((pr.reviewers ?? []).map((r) => r.uuid));
  const missing = users
    .map((r) => r.name)
    .filter((name) => accountUuid.test(name) && name !== pr.author?.uuid && !present.has(name));
  const unnamed = request.reviewers!.filter((r) => r.kind === 'team' || !accountUuid.test(r.name)).map((r) => r.name);
  if (unnamed.length) logger.info({ path, unnamed }, 'Bitbucket reviewers are accounts by uuid; these are not asked');
  if (!missing.length) return;
  try {
    await api.send('PUT', path, {
      title: request.title,
      description,
      reviewers: [...present, ...missing].map((uuid) => ({ uuid })),
    });
  } catch (error) {
    // 400: an account Bitbucket will not add (no access to the repository). The update is published
    // all the same and stays open for anyone to review, so this is logged rather than failing the run.
    if (!isStatus(error, 400)) throw error;
    logger.warn({ path, reviewers: missing, reason: String(error) }, 'Bitbucket refused the reviewers');
  }
}
