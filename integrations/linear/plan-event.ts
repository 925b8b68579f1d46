import { z } from 'zod';
import type { Project } from '../../core/project.js';
import type { TriggerCommand } from '../contract.js';
import { issueKey, type LinearSource, type LinearTrigger } from './schemas.js';

/** What every Linear webhook body has: checked before the delivery is planned (the timestamp is signed with it). */
export const linearEnvelope = z.looseObject({
  action: z.string().min(1),
  type: z.string().min(1),
  /** When Linear sent it, in milliseconds since the epoch. */
  webhookTimestamp: z.number().finite(),
});

/**
 * A loose view of Linear's `Issue` data-change payload (`EntityWebhookPayloadWithIssueData` of the SDK): only
 * the fields docflow reads. `updatedFrom` holds the previous values of what an update changed (`stateId`,
 * `labelIds`, …).
 */
export const issueEvent = z.looseObject({
  action: z.string(),
  type: z.literal('Issue'),
  webhookTimestamp: z.number(),
  data: z.looseObject({
    id: z.string().min(1),
    identifier: issueKey,
    url: z.string().url(),
    updatedAt: z.string().datetime({ offset: true }),
    state: z.looseObject({ name: z.string(), type: z.string().optional() }),
    team: z.looseObject({ key: z.string() }).nullish(),
    labels: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  }),
  updatedFrom: z.record(z.string(), z.unknown()).nullish(),
});

export type IssueEvent = z.infer<typeof issueEvent>;

const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));

/**
 * Why the event starts a run for this trigger (undefined: it does not): the issue is of one of its teams,
 * carries one of its labels, is in one of its states, and this event brought it there — created in the
 * state, moved into it (`updatedFrom.stateId`), or given the label while in it (`updatedFrom.labelIds`).
 */
export function reachedBy(event: IssueEvent, trigger: LinearTrigger): string | undefined {
  const { data } = event;
  const team = data.team?.key ?? data.identifier.split('-')[0]!;
  if (!trigger.teams.includes(team)) return undefined;
  const wanted = lower(trigger.labels);
  const labels = data.labels.filter((l) => wanted.has(l.name.toLowerCase()));
  if (!labels.length || !lower(trigger.states).has(data.state.name.toLowerCase())) return undefined;
  const label = labels.map((l) => l.name).join(', ');
  if (event.action === 'create') return `${data.identifier} was created in ${data.state.name} with label ${label}`;
  if (event.action !== 'update' || !event.updatedFrom) return undefined;
  if ('stateId' in event.updatedFrom) return `${data.identifier} reached ${data.state.name} with label ${label}`;
  const before = event.updatedFrom.labelIds;
  const added = Array.isArray(before) ? labels.filter((l) => !before.includes(l.id)) : [];
  if (added.length) return `${data.identifier} got label ${added.map((l) => l.name).join(', ')} in ${data.state.name}`;
  return undefined;
}

/**
 * One `start_or_update` per project whose Linear trigger the event satisfies, keyed by the issue's id (which
 * survives a move to another team), so every qualifying event of one issue reaches one run. The source is
 * pinned from the payload itself: the issue's key, its page and the update it was read at.
 */
export function planIssueEvent(integrationId: string, event: IssueEvent, projects: Project[]): TriggerCommand[] {
  const source: LinearSource = {
    type: 'linear',
    integrationId,
    issue: event.data.identifier,
    updatedAt: event.data.updatedAt,
    url: event.data.url,
  };
  return projects.flatMap((project) => {
    const note = project.triggers
      .filter((t): t is LinearTrigger => t.type === 'linear' && t.integrationId === integrationId)
      .map((t) => reachedBy(event, t))
      .find(Boolean);
    if (!note) return [];
    return [
      {
        kind: 'start_or_update',
        projectId: project.id,
        workflowKey: `linear:${integrationId}:issue:${event.data.id}`,
        source,
        note,
        trigger: 'linear.issue',
        // A completed issue is done work: its docs update need not wait as a draft.
        sourceMerged: event.data.state.type === 'completed',
      },
    ];
  });
}
