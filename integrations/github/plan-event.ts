import { z } from 'zod';
import type { Project } from '../../core/project.js';
import type { TriggerCommand } from '../contract.js';
import { triggersOf } from '../kit/code-host.js';
import type { GitHubSource, GitHubTrigger } from './schemas.js';

// Loose views of GitHub's payloads: only the fields docflow reads; everything else passes through.
const repository = z.looseObject({
  full_name: z.string(),
  default_branch: z.string().optional(),
  topics: z.array(z.string()).optional(),
});
const pullRequest = z.looseObject({
  number: z.number(),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  title: z.string().optional(),
  head: z.looseObject({ ref: z.string(), sha: z.string() }),
  base: z.looseObject({ ref: z.string(), sha: z.string() }),
});
const pullRequestEvent = z.looseObject({ action: z.string(), pull_request: pullRequest, repository });
const reviewEvent = z.looseObject({
  action: z.string(),
  review: z.looseObject({ state: z.string() }),
  pull_request: pullRequest,
  repository,
});
const pushEvent = z.looseObject({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  repository,
});

const zeroSha = /^0+$/;

function watches(trigger: GitHubTrigger, repo: z.infer<typeof repository>): boolean {
  if (trigger.excludeRepos.includes(repo.full_name)) return false;
  if (trigger.repos) return trigger.repos.includes(repo.full_name);
  return (trigger.topics ?? []).some((topic) => (repo.topics ?? []).includes(topic));
}

/**
 * Turns one GitHub event into commands for the projects whose GitHub triggers watch the repository.
 * Only what the payload says is used here (the webhook must be answered within 10 s); path filters,
 * which need the pull request's file list, are applied when the run gathers context.
 */
export function planGitHubEvent(
  integrationId: string,
  event: string,
  payload: unknown,
  projects: Project[],
): TriggerCommand[] {
  const repo = repository.safeParse((payload as { repository?: unknown })?.repository);
  if (!repo.success) return [];
  return triggersOf<GitHubTrigger>(projects, 'github', integrationId)
    .filter(({ trigger }) => watches(trigger, repo.data))
    .flatMap(({ projectId, trigger }) => planFor(projectId, trigger, integrationId, event, payload));
}

function planFor(
  projectId: string,
  trigger: GitHubTrigger,
  integrationId: string,
  event: string,
  payload: unknown,
): TriggerCommand[] {
  const label = `github:${event}`;
  if (event === 'push') {
    const push = pushEvent.safeParse(payload);
    if (!push.success || trigger.on !== 'every_push') return [];
    const { ref, before, after, deleted, repository: repo } = push.data;
    if (ref !== `refs/heads/${repo.default_branch}` || deleted || zeroSha.test(before) || zeroSha.test(after))
      return [];
    const source: GitHubSource = { type: 'github', integrationId, repo: repo.full_name, base: before, head: after };
    return [{ kind: 'start_or_update', projectId, workflowKey: `${repo.full_name}@${after}`, source, trigger: label }];
  }

  const parsed =
    event === 'pull_request'
      ? pullRequestEvent.safeParse(payload)
      : event === 'pull_request_review'
        ? reviewEvent.safeParse(payload)
        : undefined;
  if (!parsed?.success) return [];
  const { action, pull_request: pr, repository: repo } = parsed.data;
  const workflowKey = `${repo.full_name}#${pr.number}`;
  const source: GitHubSource = {
    type: 'github',
    integrationId,
    repo: repo.full_name,
    pullNumber: pr.number,
    base: pr.base.sha,
    head: pr.head.sha,
  };
  const trig = `${label}.${action}`;
  const skip = (reason: string, message: string): TriggerCommand[] => [
    { kind: 'skip', projectId, source, trigger: trig, reason, message },
  ];

  if (event === 'pull_request' && action === 'closed') {
    if (trigger.on === 'merged' && pr.merged) {
      if (pr.head.ref.startsWith('docflow/'))
        return skip('opened_by_docflow', `#${pr.number} is a docflow pull request`);
      return [{ kind: 'start_or_update', projectId, workflowKey, source, trigger: trig, sourceMerged: true }];
    }
    return [{ kind: 'source_closed', projectId, workflowKey, merged: Boolean(pr.merged) }];
  }

  const starts =
    (trigger.on === 'opened' &&
      event === 'pull_request' &&
      ['opened', 'reopened', 'ready_for_review', 'synchronize'].includes(action)) ||
    (trigger.on === 'first_approval' &&
      event === 'pull_request_review' &&
      action === 'submitted' &&
      (parsed.data as unknown as { review: { state: string } }).review.state.toLowerCase() === 'approved');
  const updates = trigger.on === 'first_approval' && event === 'pull_request' && action === 'synchronize';
  if (!starts && !updates) return [];
  if (pr.head.ref.startsWith('docflow/'))
    return skip('opened_by_docflow', `#${pr.number} is a docflow pull request (${pr.head.ref})`);
  if (pr.draft && trigger.on === 'opened')
    return skip('draft_pull_request', `#${pr.number} is a draft; docflow starts when it is ready for review`);
  return [{ kind: starts ? 'start_or_update' : 'update_if_running', projectId, workflowKey, source, trigger: trig }];
}
