import type { Project } from '../../core/project.js';
import type { ReceivedWebhook, TriggerCommand } from '../contract.js';
import { isApprover } from './approvers.js';
import { reasonModal, reviewActions } from './card-blocks.js';
import type { SlackClients } from './clients.js';
import type { SlackBlockActions, SlackViewSubmission } from './payloads.js';
import type { SlackReviewChannel } from './schemas.js';

type Decision = Extract<TriggerCommand, { kind: 'review' }>['decision'];
interface Target {
  projectId: string;
  runId: string;
}

const notReviewer = 'You are not a reviewer of this project, so nothing was changed.';

function channelOf(project: Project | undefined, integrationId: string): SlackReviewChannel | undefined {
  const channel = (project?.review as { channel?: SlackReviewChannel } | undefined)?.channel;
  return channel?.type === 'slack' && channel.integrationId === integrationId ? channel : undefined;
}

/**
 * A button on a review card. Approve becomes the review decision at once; Reject and Request changes
 * open a modal for the reason (its submission decides). Someone who is not an approver is told so,
 * privately, and nothing changes.
 */
export async function planCardClick(
  clients: SlackClients,
  integrationId: string,
  payload: SlackBlockActions,
  projects: () => Promise<Project[]>,
): Promise<Pick<ReceivedWebhook, 'commands'>> {
  const action = payload.actions[0]!;
  const kind = (Object.entries(reviewActions).find(([, id]) => id === action.action_id)?.[0] ?? undefined) as
    keyof typeof reviewActions | undefined;
  const [projectId, runId] = (action.value ?? '').split(' ');
  if (!kind || !projectId || !runId) return { commands: [] };
  const config = channelOf(
    (await projects()).find((p) => p.id === projectId),
    integrationId,
  );
  if (!config) return { commands: [] };
  const client = await clients.forIntegration(integrationId);
  const user = payload.user.id;
  const channel = payload.channel?.id ?? config.channel;
  if (!(await isApprover(client, config, user))) {
    await client.chat.postEphemeral({ channel, user, text: notReviewer });
    return { commands: [] };
  }
  const target = { projectId, runId };
  if (kind === 'approve')
    return { commands: [review(clients, integrationId, target, user, { action: 'approve' }, channel)] };
  const opened = client.views.open({
    trigger_id: payload.trigger_id,
    view: reasonModal(kind, JSON.stringify({ ...target, action: kind, channel })) as never,
  });
  await opened.catch(async (error: unknown) => {
    // Slack's trigger_id lives 3 s: a late one is refused, and the reviewer can simply click again.
    if ((error as { data?: { error?: string } }).data?.error !== 'expired_trigger_id') throw error;
    await client.chat.postEphemeral({ channel, user, text: 'That took too long; please click the button again.' });
  });
  return { commands: [] };
}

/** The reason modal submitted: a rejection or a change request, checked against the approvers again. */
export async function planReasonSubmitted(
  clients: SlackClients,
  integrationId: string,
  payload: SlackViewSubmission,
  projects: () => Promise<Project[]>,
): Promise<Pick<ReceivedWebhook, 'commands'>> {
  if (payload.view.callback_id !== 'docflow_review_reason') return { commands: [] };
  let meta: Target & { action?: string; channel?: string };
  try {
    meta = JSON.parse(payload.view.private_metadata) as typeof meta;
  } catch {
    return { commands: [] };
  }
  const config = channelOf(
    (await projects()).find((p) => p.id === meta.projectId),
    integrationId,
  );
  const text = payload.view.state.values.reason?.text?.value?.trim();
  if (!config || !text || (meta.action !== 'reject' && meta.action !== 'request_changes')) return { commands: [] };
  const client = await clients.forIntegration(integrationId);
  const channel = meta.channel ?? config.channel;
  if (!(await isApprover(client, config, payload.user.id))) {
    await client.chat.postEphemeral({ channel, user: payload.user.id, text: notReviewer });
    return { commands: [] };
  }
  const decision: Decision =
    meta.action === 'reject' ? { action: 'reject', reason: text } : { action: 'request_changes', feedback: text };
  return { commands: [review(clients, integrationId, meta, payload.user.id, decision, channel)] };
}

function review(
  clients: SlackClients,
  integrationId: string,
  target: Target,
  user: string,
  decision: Decision,
  channel: string,
): TriggerCommand {
  return {
    kind: 'review',
    projectId: target.projectId,
    runId: target.runId,
    decision,
    reviewer: `slack:${user}`,
    async notAwaiting(status) {
      const client = await clients.forIntegration(integrationId);
      await client.chat.postEphemeral({
        channel,
        user,
        text: `This run is ${status} and no longer awaits review, so nothing was changed.`,
      });
    },
  };
}
