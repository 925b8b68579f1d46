import { createHmac, randomUUID } from 'node:crypto';
import type { EntityWebhookPayloadWithIssueData } from '@linear/sdk/webhooks';

/** The signing secret the tests give docflow for the Linear webhook. */
export const linearWebhookSecret = 'lin_wh_fakeSigningSecret0123456789';

const states = {
  Todo: { id: 'state-todo', name: 'Todo', type: 'unstarted', color: '#e2e2e2' },
  'In Progress': { id: 'state-progress', name: 'In Progress', type: 'started', color: '#f2c94c' },
  'In Review': { id: 'state-review', name: 'In Review', type: 'started', color: '#0f783c' },
  Done: { id: 'state-done', name: 'Done', type: 'completed', color: '#5e6ad2' },
  Canceled: { id: 'state-canceled', name: 'Canceled', type: 'canceled', color: '#95a2b3' },
} as const;
export type StateName = keyof typeof states;

const label = (name: string) => ({ id: `label-${name}`, name, color: '#bec2c8' });

export interface IssueEventOptions {
  action: 'create' | 'update' | 'remove';
  /** `ENG-123`. */
  identifier: string;
  /** Linear's id of the issue (`FakeLinear.issueId`); derived from the key when absent. */
  id?: string;
  title?: string;
  state: StateName;
  labels?: string[];
  /** An update's previous values: `{state: 'In Review'}` becomes `stateId` (and `updatedAt`) as Linear sends them. */
  from?: { state?: StateName; labels?: string[]; title?: string };
  updatedAt?: string;
  /** When Linear sent it (ms); now by default. */
  webhookTimestamp?: number;
}

/**
 * An `Issue` data-change webhook body as Linear sends it (typed with the SDK's `EntityWebhookPayloadWithIssueData`,
 * so a field Linear always sends cannot be forgotten): the issue in `data` with its state, team and labels, and
 * for an update the previous values of what changed in `updatedFrom`.
 */
export function issuePayload(options: IssueEventOptions): EntityWebhookPayloadWithIssueData {
  const [teamKey, number] = options.identifier.split('-') as [string, string];
  const updatedAt = options.updatedAt ?? new Date().toISOString();
  const labels = (options.labels ?? []).map(label);
  const url = `https://linear.app/acme/issue/${options.identifier.toLowerCase()}/${(options.title ?? 'issue').toLowerCase().replace(/\W+/g, '-')}`;
  const user = {
    id: 'user-ada',
    name: 'Ada Lovelace',
    email: 'ada@acme.test',
    url: 'https://linear.app/acme/profiles/ada',
  };
  const from = options.from;
  const updatedFrom =
    options.action === 'update' && from
      ? {
          updatedAt: new Date(Date.parse(updatedAt) - 60_000).toISOString(),
          ...(from.state ? { stateId: states[from.state].id } : {}),
          ...(from.labels ? { labelIds: from.labels.map((n) => label(n).id) } : {}),
          ...(from.title ? { title: from.title } : {}),
        }
      : undefined;
  return {
    action: options.action,
    type: 'Issue',
    actor: { ...user, type: 'user' },
    // The SDK types DateTime scalars as Date; on the wire they are ISO strings.
    createdAt: updatedAt as unknown as Date,
    organizationId: 'org-acme',
    url,
    webhookId: 'webhook-1',
    webhookTimestamp: options.webhookTimestamp ?? Date.now(),
    ...(updatedFrom ? { updatedFrom } : {}),
    data: {
      id: options.id ?? `issue-${options.identifier}`,
      identifier: options.identifier,
      number: Number(number),
      title: options.title ?? 'An issue',
      description: 'Users need a way to stop waiting.',
      url,
      createdAt: '2026-01-01T09:00:00.000Z',
      updatedAt,
      priority: 2,
      priorityLabel: 'High',
      prioritySortOrder: -1200,
      sortOrder: -42,
      state: states[options.state],
      stateId: states[options.state].id,
      team: { id: `team-${teamKey}`, key: teamKey, name: teamKey === 'ENG' ? 'Engineering' : teamKey },
      teamId: `team-${teamKey}`,
      labels,
      labelIds: labels.map((l) => l.id),
      previousIdentifiers: [],
      reactionData: {},
      releases: [],
      subscriberIds: [user.id],
      creatorId: user.id,
      creator: user,
    },
  };
}

/** Headers Linear sends, with the body signed as Linear signs it (hex HMAC-SHA256 of the exact bytes). */
export function signedLinearDelivery(
  payload: unknown,
  secret: string = linearWebhookSecret,
  deliveryId: string = randomUUID(),
) {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'linear-delivery': deliveryId,
      'linear-event': (payload as { type?: string }).type ?? 'Issue',
      'linear-signature': createHmac('sha256', secret).update(body).digest('hex'),
      'user-agent': 'Linear-Webhook',
    } as Record<string, string>,
  };
}
