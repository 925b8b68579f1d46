import type { Project } from '../../core/project.js';
import type { TriggerCommand } from '../contract.js';
import type { SlackMessageAction, SlackMessageEvent } from './payloads.js';
import type { SlackSource, SlackTrigger } from './schemas.js';

/** The message shortcut's callback id, as configured in the Slack app (README, "Slack"). */
export const updateDocsCallbackId = 'docflow_update_docs';

export type SlackOrigin = 'mention' | 'message_action' | 'dm' | 'thread_reply';

/** One run per thread: every event of a thread reaches the run keyed on it. */
export const threadKey = (integrationId: string, channel: string, threadTs: string) =>
  `slack:${integrationId}:${channel}:${threadTs}`;

/** What a message event asks for: a mention or a DM starts (or feeds) a run; a reply in a thread only feeds one. */
export function originOfEvent(event: SlackMessageEvent, botUserId: string | undefined): SlackOrigin | undefined {
  if (event.bot_id || (botUserId && event.user === botUserId) || !event.user) return undefined;
  if (event.type === 'app_mention') return 'mention';
  if (event.type !== 'message' || (event.subtype && event.subtype !== 'thread_broadcast')) return undefined;
  if (event.channel_type === 'im') return 'dm';
  // A message mentioning the bot also arrives as app_mention, which starts the run; this one only feeds it.
  return event.thread_ts ? 'thread_reply' : undefined;
}

export function planThread(
  integrationId: string,
  origin: SlackOrigin,
  place: { channel: string; threadTs: string; latestTs: string },
  projects: Project[],
): TriggerCommand[] {
  const source: SlackSource = { type: 'slack', integrationId, ...place };
  const workflowKey = threadKey(integrationId, place.channel, place.threadTs);
  const commands: TriggerCommand[] = [];
  for (const project of projects) {
    const trigger = project.triggers.find(
      (t) =>
        t.type === 'slack' && t.integrationId === integrationId && listens(t as SlackTrigger, origin, place.channel),
    );
    if (!trigger) continue;
    const label = `slack:${origin}`;
    commands.push(
      origin === 'thread_reply'
        ? { kind: 'update_if_running', projectId: project.id, workflowKey, source, trigger: label }
        : { kind: 'start_or_update', projectId: project.id, workflowKey, source, trigger: label },
    );
  }
  return commands;
}

function listens(trigger: SlackTrigger, origin: SlackOrigin, channel: string): boolean {
  if (origin === 'dm') return trigger.on.includes('dm');
  if (trigger.channels && !trigger.channels.includes(channel)) return false;
  return origin === 'thread_reply' || trigger.on.includes(origin);
}

export function placeOfEvent(event: SlackMessageEvent) {
  return { channel: event.channel, threadTs: event.thread_ts ?? event.ts, latestTs: event.ts };
}

export function placeOfAction(action: SlackMessageAction) {
  const { ts, thread_ts: threadTs } = action.message;
  return { channel: action.channel.id, threadTs: threadTs ?? ts, latestTs: ts };
}
