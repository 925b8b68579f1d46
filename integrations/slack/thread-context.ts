import type { WebClient } from '@slack/web-api';
import type { ChangeContext } from '../../core/change.js';
import { redactPersonalData } from '../kit/personal-data.js';
import type { SlackSource } from './schemas.js';

/** Apps not approved for the Slack Marketplace get at most 15 messages per `conversations.replies` call. */
export const threadMessageLimit = 15;

interface ThreadMessage {
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
}

/**
 * The thread as a change's note: each message redacted before it is stored or prompted, authors
 * shown by Slack user id only, and a line saying when the thread was longer than what was read.
 */
export async function threadContext(client: WebClient, source: SlackSource, label: string): Promise<ChangeContext> {
  const answer = await client.conversations.replies({
    channel: source.channel,
    ts: source.threadTs,
    limit: threadMessageLimit,
    inclusive: true,
  });
  const messages = ((answer.messages ?? []) as ThreadMessage[]).filter((m) => !m.bot_id && m.text?.trim());
  const removed: Record<string, number> = {};
  const lines = messages.map((m) => {
    const redacted = redactPersonalData(m.text!);
    for (const [kind, n] of Object.entries(redacted.removed)) removed[kind] = (removed[kind] ?? 0) + n;
    return `<@${m.user ?? 'unknown'}> (${m.ts}): ${redacted.text}`;
  });
  const notes = [
    `Slack thread in channel ${source.channel} (${messages.length} message${messages.length === 1 ? '' : 's'}):`,
    ...lines,
    answer.has_more
      ? `The thread was cut: only its first ${threadMessageLimit} messages were read (Slack's limit for this app).`
      : '',
    Object.keys(removed).length
      ? `Personal data removed: ${Object.entries(removed)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}.`
      : '',
  ].filter(Boolean);
  return { sourceLabel: label, note: notes.join('\n'), commits: [], diff: '', files: [] };
}
