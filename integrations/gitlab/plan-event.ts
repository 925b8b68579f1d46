import { z } from 'zod';
import type { Project } from '../../core/project.js';
import type { TriggerCommand } from '../contract.js';
import { triggersOf } from '../kit/code-host.js';
import type { GitLabSource, GitLabTrigger } from './schemas.js';

// Loose views of GitLab's payloads: only the fields docflow reads.
const project = z.looseObject({ path_with_namespace: z.string(), default_branch: z.string().nullish() });
export const mergeRequestEvent = z.looseObject({
  object_kind: z.literal('merge_request'),
  project,
  object_attributes: z.looseObject({
    iid: z.number(),
    action: z.string().optional(),
    source_branch: z.string(),
    target_branch: z.string(),
    draft: z.boolean().optional(),
    work_in_progress: z.boolean().optional(),
    /** Present only when the update pushed code. */
    oldrev: z.string().optional(),
    last_commit: z.looseObject({ id: z.string() }).nullish(),
  }),
  changes: z
    .looseObject({ draft: z.looseObject({ previous: z.unknown(), current: z.unknown() }).optional() })
    .optional(),
});
const pushEvent = z.looseObject({
  object_kind: z.literal('push'),
  before: z.string(),
  after: z.string(),
  ref: z.string(),
  project,
});

type MergeRequestEvent = z.infer<typeof mergeRequestEvent>;

const zeroSha = /^0+$/;

/**
 * Turns one GitLab event into commands for the projects whose GitLab triggers watch the project.
 * Merge request sources name the target branch and the last commit; the receiver pins them to the
 * merge request's diff refs. Path filters need the diff and are applied when the run gathers context.
 */
export function planGitLabEvent(integrationId: string, payload: unknown, projects: Project[]): TriggerCommand[] {
  const kind = (payload as { object_kind?: unknown } | null)?.object_kind;
  const repo = project.safeParse((payload as { project?: unknown } | null)?.project);
  if (!repo.success) return [];
  return triggersOf<GitLabTrigger>(projects, 'gitlab', integrationId)
    .filter(({ trigger }) => trigger.repos.includes(repo.data.path_with_namespace))
    .flatMap(({ projectId, trigger }) =>
      kind === 'push'
        ? planPush(projectId, trigger, integrationId, payload)
        : kind === 'merge_request'
          ? planMergeRequest(projectId, trigger, integrationId, payload)
          : [],
    );
}

function planPush(
  projectId: string,
  trigger: GitLabTrigger,
  integrationId: string,
  payload: unknown,
): TriggerCommand[] {
  const push = pushEvent.safeParse(payload);
  if (!push.success || trigger.on !== 'every_push') return [];
  const { before, after, ref, project: repo } = push.data;
  // Only the default branch; a created or deleted branch has no range to read.
  if (
    !repo.default_branch ||
    ref !== `refs/heads/${repo.default_branch}` ||
    zeroSha.test(before) ||
    zeroSha.test(after)
  )
    return [];
  const source: GitLabSource = {
    type: 'gitlab',
    integrationId,
    repo: repo.path_with_namespace,
    base: before,
    head: after,
  };
  const workflowKey = `${repo.path_with_namespace}@${after}`;
  return [{ kind: 'start_or_update', projectId, workflowKey, source, trigger: 'gitlab:push' }];
}

function planMergeRequest(
  projectId: string,
  trigger: GitLabTrigger,
  integrationId: string,
  payload: unknown,
): TriggerCommand[] {
  const parsed = mergeRequestEvent.safeParse(payload);
  if (!parsed.success) return [];
  const { object_attributes: mr, project: repo, changes } = parsed.data;
  const action = mr.action ?? '';
  const fullPath = repo.path_with_namespace;
  const workflowKey = `${fullPath}!${mr.iid}`;
  const source = mergeRequestSource(integrationId, fullPath, parsed.data);
  const trig = `gitlab:merge_request.${action}`;
  const skip = (reason: string, message: string): TriggerCommand[] => [
    { kind: 'skip', projectId, source, trigger: trig, reason, message },
  ];
  const ownBranch = mr.source_branch.startsWith('docflow/');

  if (action === 'merge' || action === 'close') {
    const merged = action === 'merge';
    if (trigger.on === 'merged' && merged) {
      if (ownBranch) return skip('opened_by_docflow', `!${mr.iid} is a docflow merge request`);
      return [{ kind: 'start_or_update', projectId, workflowKey, source, trigger: trig, sourceMerged: true }];
    }
    return [{ kind: 'source_closed', projectId, workflowKey, merged }];
  }

  // An update with new code (`oldrev`) or one that marks a draft ready; a title or label edit is neither.
  const pushed = action === 'update' && mr.oldrev !== undefined;
  const readied = action === 'update' && changes?.draft?.previous === true && changes.draft.current === false;
  const starts =
    (trigger.on === 'opened' && (action === 'open' || action === 'reopen' || pushed || readied)) ||
    (trigger.on === 'first_approval' && (action === 'approved' || action === 'approval'));
  const updates = trigger.on === 'first_approval' && pushed;
  if (!starts && !updates) return [];
  if (ownBranch) return skip('opened_by_docflow', `!${mr.iid} is a docflow merge request (${mr.source_branch})`);
  if ((mr.draft ?? mr.work_in_progress) && trigger.on === 'opened')
    return skip('draft_merge_request', `!${mr.iid} is a draft; docflow starts when it is marked ready`);
  return [{ kind: starts ? 'start_or_update' : 'update_if_running', projectId, workflowKey, source, trigger: trig }];
}

/** The source a merge request event names: its target branch and last commit (pinned by the receiver). */
const mergeRequestSource = (integrationId: string, repo: string, event: MergeRequestEvent): GitLabSource => ({
  type: 'gitlab',
  integrationId,
  repo,
  mergeRequestIid: event.object_attributes.iid,
  base: event.object_attributes.target_branch,
  head: event.object_attributes.last_commit?.id ?? event.object_attributes.source_branch,
});
