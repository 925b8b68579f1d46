import { parseDuration } from '../../core/duration.js';
import type { SupportSource, SupportThread } from '../contract.js';
import type { IntercomClients } from './clients.js';
import { readConversation, searchClosed, threadOf, type IntercomConversation } from './conversations.js';
import { intercomSweepSchema, type IntercomSweep, type IntercomTrigger } from './schemas.js';

/** Search pages one sweep reads at most (150 conversations each); the next sweep continues the same search. */
const searchPages = 10;

/** How far a sweep has read: conversations updated before `since`, and those at `since` listed in `seen`. */
interface Mark {
  since: number;
  seen: string[];
}

/** The stored cursor: a mark, and while a search is unfinished, where it stopped (`after`) and the mark so far. */
interface SweepCursor extends Mark {
  after?: string;
  high?: Mark;
}

function parseCursor(text: string | undefined): SweepCursor | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as SweepCursor;
    return Number.isInteger(value.since) && Array.isArray(value.seen) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The mark moved past a conversation read. */
function raise(mark: Mark, c: IntercomConversation): Mark {
  if (c.updated_at > mark.since) return { since: c.updated_at, seen: [c.id] };
  if (c.updated_at === mark.since && !mark.seen.includes(c.id))
    return { since: mark.since, seen: [...mark.seen, c.id] };
  return mark;
}

/** Why a conversation the search returned is not analysed, or undefined when it is. */
export function excluded(c: IntercomConversation, sweep: IntercomSweep): string | undefined {
  if (c.state !== undefined && c.state !== 'closed') return `state_${c.state}`;
  const tags = (c.tags?.tags ?? []).map((t) => t.name ?? '');
  if (sweep.excludeTags.some((t) => tags.includes(t))) return 'excluded_tag';
  return undefined;
}

/**
 * Closed conversations updated since the cursor (the first sweep starts `lookback` ago) through the conversation
 * search, each read with its parts (`GET /conversations/{id}`) as a redacted thread of its public messages. The
 * search promises no order: the cursor is the latest `updated_at` read (with the ids read at that second), and a
 * search longer than a sweep's pages is continued by the next sweep from `starting_after`.
 */
export function intercomSupportSource(
  clients: IntercomClients,
  { now = Date.now, maxPages = searchPages }: { now?: () => number; maxPages?: number } = {},
): SupportSource<IntercomTrigger> {
  return {
    async sweep(trigger, cursorText) {
      const settings = intercomSweepSchema.parse(trigger.sweep ?? {});
      const w = await clients.workspace(trigger.integrationId);
      const from = parseCursor(cursorText) ?? {
        since: Math.floor((now() - parseDuration(settings.lookback)!) / 1000),
        seen: [],
      };
      let high: Mark = from.high ?? { since: from.since, seen: from.seen };
      let after = from.after;
      const threads: SupportThread[] = [];
      const skipped: { id: string; reason: string }[] = [];
      let read = 0;
      for (let page = 0; page < maxPages; page++) {
        const result = await searchClosed(w, from.since, after);
        for (const found of result.conversations) {
          // Read by an earlier sweep at this very update.
          if (found.updated_at < from.since || (found.updated_at === from.since && from.seen.includes(found.id)))
            continue;
          read++;
          high = raise(high, found);
          const reason = excluded(found, settings);
          if (reason) {
            skipped.push({ id: found.id, reason });
            continue;
          }
          const conversation = await readConversation(w, found.id);
          const why = conversation ? excluded(conversation, settings) : 'gone';
          if (why) {
            skipped.push({ id: found.id, reason: why });
            continue;
          }
          const thread = threadOf(w, conversation!);
          if (thread.messages.length === 0) skipped.push({ id: found.id, reason: 'no_public_messages' });
          else threads.push(thread);
        }
        after = result.next;
        if (!after) return { threads, cursor: JSON.stringify(high), read, skipped };
      }
      const unfinished: SweepCursor = { since: from.since, seen: from.seen, after, high };
      return { threads, cursor: JSON.stringify(unfinished), read, skipped };
    },
  };
}
