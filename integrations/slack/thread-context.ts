import type { WebClient } from '@slack/web-api';
import type { ChangeContext } from '../../core/change.js';
import { redactPersonalData } from '../kit/personal-data.js';
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

/**
 * The thread as a change's note: each message redacted before it is stored or prompted. Authors are
 * shown by Slack user id (a pseudonym); the names `names` resolves for the thread's people are personal
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
  const removed: Record<string, number> = {};
  const lines = messages.map((m) => {
    const redacted = redactPersonalData(m.text!, { names: known });
    for (const [kind, n] of Object.entries(redacted.removed)) removed[kind] = (removed[kind] ?? 0) + n;
    return `<@${m.user ?? 'unknown'}> (${m.ts}): ${redacted.text}`;
  });
  const links = [...new Set(messages.flatMap((m) => m.text!.match(/https?:\/\/[^\s|<>]+/g) ?? []))];
  const notes = [
    `Slack thread in channel ${source.channel} (${messages.length} message${messages.length === 1 ? '' : 's'}):`,
    ...lines,
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
  return {
    change: { sourceLabel: label, note: notes.join('\n'), commits: [], diff: '', files: [] },
    links: links.slice(0, maxLinks),
  };
}
