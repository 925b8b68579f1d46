import type { Logger } from 'pino';
import type { PublishRequest, PublishResult } from '../contract.js';
import { createGitDestination } from '../kit/git-publish/git-destination.js';
import { isStatus, projectPath, type GitLabApi } from './api.js';
import type { GitLabClients } from './clients.js';
import { gitlabGitStore } from './git-store.js';
import type { GitLabDestination } from './schemas.js';

interface MergeRequest {
  iid: number;
  title: string;
  description: string | null;
  state: 'opened' | 'closed' | 'locked' | 'merged';
  web_url: string;
  author?: { id: number };
  reviewers?: { id: number; username: string }[];
}

/** A docs project on GitLab: one branch, one commit and one merge request per run, found again by its source branch. */
export function createGitLabDestination(clients: GitLabClients, logger: Logger) {
  const api = (d: GitLabDestination) => clients.api(d.integrationId);
  return createGitDestination<GitLabDestination>({
    store: async (d) => gitlabGitStore(await api(d), d.repo),
    label: (d) => d.repo,
    present: async (d, pushed, request) =>
      mergeRequestFor(await api(d), logger, d, pushed.branch, request, pushed.commit),
    withdraw: async (d, branch) => closeMergeRequest(await api(d), d, branch),
  });
}

/** Closes the run's merge request (`state_event: close`); a merged one cannot be withdrawn and is said to be. */
async function closeMergeRequest(api: GitLabApi, d: GitLabDestination, branch: string): Promise<string | undefined> {
  const path = `${projectPath(d.repo)}/merge_requests`;
  const [mr] = await api.all<MergeRequest>(path, { source_branch: branch, state: 'all' });
  if (!mr) return undefined;
  if (mr.state === 'merged') return `kept merge request ${mr.web_url}: it was merged already`;
  if (mr.state !== 'closed') await api.send('PUT', `${path}/${mr.iid}`, { state_event: 'close' });
  return `closed merge request ${mr.web_url}`;
}

/** Opens the run's merge request, or updates the one that exists for its branch. */
async function mergeRequestFor(
  api: GitLabApi,
  logger: Logger,
  d: GitLabDestination,
  branch: string,
  request: PublishRequest,
  commit: string,
): Promise<PublishResult> {
  const path = `${projectPath(d.repo)}/merge_requests`;
  const description = [
    request.body,
    `\n---\nSource: ${request.sourceLabel}`,
    `\n[//]: # (docflow:${request.runId})`,
  ].join('\n');
  const [existing] = await api.all<MergeRequest>(path, { source_branch: branch, state: 'all' });
  let mr = existing;
  let created = false;
  if (!mr) {
    mr = await api.send<MergeRequest>('POST', path, {
      source_branch: branch,
      target_branch: d.baseBranch,
      title: request.title,
      description,
      remove_source_branch: true,
    });
    created = true;
  } else if (mr.title !== request.title || mr.description !== description) {
    mr = await api.send<MergeRequest>('PUT', `${path}/${mr.iid}`, { title: request.title, description });
  }
  if (mr.state === 'opened' && request.reviewers?.length)
    await addReviewers(api, logger, `${path}/${mr.iid}`, mr, request);
  return { location: mr.web_url, url: mr.web_url, branch, commit, created };
}

/**
 * Asks the suggested reviewers GitLab can name: users, looked up by username (`GET /users?username=`).
 * Groups (CODEOWNERS `@group`) cannot be merge request reviewers through the API and are logged, as
 * are names GitLab does not know. Reviewers already there are kept.
 */
async function addReviewers(
  api: GitLabApi,
  logger: Logger,
  path: string,
  mr: MergeRequest,
  request: PublishRequest,
): Promise<void> {
  const present = new Map((mr.reviewers ?? []).map((r) => [r.username.toLowerCase(), r.id]));
  const missing: number[] = [];
  const unnamed = request.reviewers!.filter((r) => r.kind === 'team').map((r) => r.name);
  for (const reviewer of request.reviewers!.filter((r) => r.kind === 'user')) {
    if (present.has(reviewer.name.toLowerCase())) continue;
    const [user] = await api.get<{ id: number }[]>('/users', { username: reviewer.name });
    if (!user) unnamed.push(reviewer.name);
    else if (user.id !== mr.author?.id) missing.push(user.id);
  }
  if (unnamed.length) logger.info({ path, unnamed }, 'GitLab reviewers are users by username; these are not asked');
  if (!missing.length) return;
  try {
    await api.send('PUT', path, { reviewer_ids: [...present.values(), ...missing] });
  } catch (error) {
    // A user GitLab will not add (no access to the project): the update is published all the same and
    // stays open for anyone to review, so this is logged rather than failing the run.
    if (!isStatus(error, 400, 422)) throw error;
    logger.warn({ path, reviewers: missing, reason: String(error) }, 'GitLab refused the reviewers');
  }
}
