import { z } from 'zod';
import type { Project } from '../../core/project.js';
import type { TriggerCommand } from '../contract.js';
import { triggersOf } from '../kit/code-host.js';
import type { BitbucketSource, BitbucketTrigger } from './schemas.js';

// Loose views of Bitbucket's payloads: only the fields docflow reads.
const repository = z.looseObject({ full_name: z.string() });
const side = z.looseObject({
  branch: z.looseObject({ name: z.string() }),
  commit: z.looseObject({ hash: z.string() }),
});
export const pullRequestEvent = z.looseObject({
  pullrequest: z.looseObject({
    id: z.number(),
    title: z.string().optional(),
    draft: z.boolean().optional(),
    state: z.string().optional(),
    updated_on: z.string().optional(),
    source: side,
    destination: side,
  }),
  repository,
  approval: z.looseObject({ date: z.string().optional() }).optional(),
});
const pushEvent = z.looseObject({
  push: z.looseObject({
    changes: z.array(
      z.looseObject({
        old: z
          .looseObject({ type: z.string(), name: z.string(), target: z.looseObject({ hash: z.string() }) })
          .nullish(),
        new: z
          .looseObject({ type: z.string(), name: z.string(), target: z.looseObject({ hash: z.string() }) })
          .nullish(),
      }),
    ),
  }),
  repository,
});

type PullRequestEvent = z.infer<typeof pullRequestEvent>;

/** What a push planner needs to know about a repository: its main branch (one API call, made only when a trigger wants pushes). */
export type MainBranchOf = (repo: string) => Promise<string | undefined>;

/**
 * Turns one Bitbucket event into commands for the projects whose Bitbucket triggers watch the
 * repository. Path filters need the diffstat and are applied when the run gathers context.
 */
export async function planBitbucketEvent(
  integrationId: string,
  eventKey: string,
  payload: unknown,
  projects: Project[],
  mainBranchOf: MainBranchOf,
): Promise<TriggerCommand[]> {
  const repo = repository.safeParse((payload as { repository?: unknown })?.repository);
  if (!repo.success) return [];
  const commands: TriggerCommand[] = [];
  for (const { projectId, trigger: t } of triggersOf<BitbucketTrigger>(projects, 'bitbucket', integrationId)) {
    if (!t.repos.includes(repo.data.full_name)) continue;
    if (eventKey === 'repo:push')
      commands.push(...(await planPush(projectId, t, integrationId, payload, mainBranchOf)));
    else if (eventKey.startsWith('pullrequest:'))
      commands.push(...planPullRequest(projectId, t, integrationId, eventKey, payload));
  }
  return commands;
}

async function planPush(
  projectId: string,
  trigger: BitbucketTrigger,
  integrationId: string,
  payload: unknown,
  mainBranchOf: MainBranchOf,
): Promise<TriggerCommand[]> {
  const push = pushEvent.safeParse(payload);
  if (!push.success || trigger.on !== 'every_push') return [];
  const fullName = push.data.repository.full_name;
  const main = await mainBranchOf(fullName);
  return push.data.push.changes.flatMap((change): TriggerCommand[] => {
    // A created or deleted branch has no range to read.
    if (!change.old || !change.new || change.new.type !== 'branch' || change.new.name !== main) return [];
    const source: BitbucketSource = {
      type: 'bitbucket',
      integrationId,
      repo: fullName,
      base: change.old.target.hash,
      head: change.new.target.hash,
    };
    const workflowKey = `${fullName}@${change.new.target.hash}`;
    return [{ kind: 'start_or_update', projectId, workflowKey, source, trigger: 'bitbucket:repo:push' }];
  });
}

function planPullRequest(
  projectId: string,
  trigger: BitbucketTrigger,
  integrationId: string,
  eventKey: string,
  payload: unknown,
): TriggerCommand[] {
  const parsed = pullRequestEvent.safeParse(payload);
  if (!parsed.success) return [];
  const { pullrequest: pr, repository: repo } = parsed.data;
  const workflowKey = `${repo.full_name}#${pr.id}`;
  const source = pullRequestSource(integrationId, repo.full_name, pr);
  const trig = `bitbucket:${eventKey}`;
  const skip = (reason: string, message: string): TriggerCommand[] => [
    { kind: 'skip', projectId, source, trigger: trig, reason, message },
  ];
  const ownBranch = pr.source.branch.name.startsWith('docflow/');

  if (eventKey === 'pullrequest:fulfilled' || eventKey === 'pullrequest:rejected') {
    const merged = eventKey === 'pullrequest:fulfilled';
    if (trigger.on === 'merged' && merged) {
      if (ownBranch) return skip('opened_by_docflow', `#${pr.id} is a docflow pull request`);
      return [{ kind: 'start_or_update', projectId, workflowKey, source, trigger: trig, sourceMerged: true }];
    }
    return [{ kind: 'source_closed', projectId, workflowKey, merged }];
  }

  const starts =
    (trigger.on === 'opened' && (eventKey === 'pullrequest:created' || eventKey === 'pullrequest:updated')) ||
    (trigger.on === 'first_approval' && eventKey === 'pullrequest:approved');
  const updates = trigger.on === 'first_approval' && eventKey === 'pullrequest:updated';
  if (!starts && !updates) return [];
  if (ownBranch) return skip('opened_by_docflow', `#${pr.id} is a docflow pull request (${pr.source.branch.name})`);
  if (pr.draft && trigger.on === 'opened')
    return skip('draft_pull_request', `#${pr.id} is a draft; docflow starts when it is ready for review`);
  return [{ kind: starts ? 'start_or_update' : 'update_if_running', projectId, workflowKey, source, trigger: trig }];
}

/**
 * Bitbucket retries quickly and may give a retry a new X-Request-UUID: a pull request event is the same
 * delivery when its event key, pull request, `updated_on` (and approval time) are.
 */
export function deliveryKey(eventKey: string, requestUuid: string, payload: unknown): string {
  const parsed = pullRequestEvent.safeParse(payload);
  if (!parsed.success || !parsed.data.pullrequest.updated_on) return requestUuid;
  const pr: PullRequestEvent['pullrequest'] = parsed.data.pullrequest;
  const approval = parsed.data.approval?.date ? `:${parsed.data.approval.date}` : '';
  return `${parsed.data.repository.full_name}#${pr.id}:${eventKey}:${pr.updated_on}${approval}`;
}

/** The source a pull request event names: its destination and source commits (abbreviated; pinned by the receiver). */
const pullRequestSource = (
  integrationId: string,
  repo: string,
  pr: PullRequestEvent['pullrequest'],
): BitbucketSource => ({
  type: 'bitbucket',
  integrationId,
  repo,
  pullRequestId: pr.id,
  base: pr.destination.commit.hash,
  head: pr.source.commit.hash,
});
