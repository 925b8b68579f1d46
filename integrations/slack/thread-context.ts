import type { WebClient } from '@slack/web-api';
import type { ChangeContext } from '../../core/change.js';
import { redactPersonalData } from '../kit/personal-data.js';
import { conversationChange } from '../kit/support/conversation-change.js';
import type { SlackSource } from './schemas.js';

/** Apps not approved for the Slack Marketplace get at most 15 messages per `conversations.replies` call. */
export const threadMessageLimit = 15;
/** Links followed per thread, so a pasted list of URLs cannot fan out without bound. */
const maxLinks = 5;

interface ThreadMessage {
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
}

/** The thread as a change, and the links its messages carry (Slack writes them `<url>` or `<url|label>`). */
export interface ThreadRead {
  change: ChangeContext;
  links: string[];
}

/** Where the thread's file sits in the change: drafters cite its lines, each message linked to its permalink. */
export const threadPath = (source: SlackSource) => `slack/${source.channel}/${source.threadTs}`;

/**
 * Message permalinks from the thread root's (one `chat.getPermalink` call): Slack's own link for the root gives
 * the workspace's address; replies add `thread_ts`. Undefined when Slack would not say.
 */
async function permalinks(client: WebClient, source: SlackSource): Promise<((ts: string) => string) | undefined> {
  let root: string | undefined;
  try {
    root = (await client.chat.getPermalink({ channel: source.channel, message_ts: source.threadTs })).permalink;
  } catch {
    return undefined;
  }
  const base = root?.match(/^(https:\/\/[^/]+)\/archives\//)?.[1];
  if (!base) return undefined;
  return (ts) => {
    const link = `${base}/archives/${source.channel}/p${ts.replace('.', '')}`;
    return ts === source.threadTs ? link : `${link}?thread_ts=${source.threadTs}&cid=${source.channel}`;
  };
}

/**
 * The thread as a conversation file of the change: each message redacted before it is stored or prompted,
 * authors shown by Slack user id (a pseudonym). The names `names` resolves for the thread's people are personal
 * data, so they are passed to the redactor and become [person] wherever the text spells them out.
 */
export async function threadContext(
  client: WebClient,
  source: SlackSource,
  label: string,
  names: (userId: string) => Promise<string[]>,
): Promise<ThreadRead> {
  const answer = await client.conversations.replies({
    channel: source.channel,
    ts: source.threadTs,
    limit: threadMessageLimit,
    inclusive: true,
  });
  const messages = ((answer.messages ?? []) as ThreadMessage[]).filter((m) => !m.bot_id && m.text?.trim());
  const people = new Set<string>();
  for (const m of messages) {
    if (m.user) people.add(m.user);
    for (const [, id] of m.text!.matchAll(/<@([UW][A-Z0-9]+)>/g)) people.add(id!);
  }
  const known = (await Promise.all([...people].map(names))).flat();
  const linkOf = await permalinks(client, source);
  const removed: Record<string, number> = {};
  const redacted = messages.map((m) => {
    const clean = redactPersonalData(m.text!, { names: known });
    for (const [kind, n] of Object.entries(clean.removed)) removed[kind] = (removed[kind] ?? 0) + n;
    return {
      role: 'member' as const,
      label: `<@${m.user ?? 'unknown'}> (${m.ts})`,
      text: clean.text,
      ...(m.ts ? { ref: m.ts } : {}),
      ...(m.ts && linkOf ? { url: linkOf(m.ts) } : {}),
    };
  });
  const links = [...new Set(messages.flatMap((m) => m.text!.match(/https?:\/\/[^\s|<>]+/g) ?? []))];
  const notes = [
    `Slack thread in channel ${source.channel} (${messages.length} message${messages.length === 1 ? '' : 's'}), ` +
      `in ${threadPath(source)}.`,
    answer.has_more
      ? `The thread was cut: only its first ${threadMessageLimit} messages were read (Slack's limit for this app).`
      : '',
    links.length > maxLinks ? `Only the first ${maxLinks} of the thread's ${links.length} links were followed.` : '',
    Object.keys(removed).length
      ? `Personal data removed: ${Object.entries(removed)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}.`
      : '',
  ].filter(Boolean);
  const thread = conversationChange(label, notes.join('\n'), [
    {
      path: threadPath(source),
      title: `Slack thread in ${source.channel}`,
      ...(linkOf ? { url: linkOf(source.threadTs) } : {}),
      messages: redacted,
    },
  ]);
  return { change: { ...thread, commits: [] }, links: links.slice(0, maxLinks) };
}
