import type { SupportThread } from '../contract.js';
import { redactPersonalData } from '../kit/personal-data.js';
import { htmlToText } from '../kit/support/html-text.js';
import type { IntercomWorkspace } from './clients.js';
import { intercomCall } from './http.js';
import { conversationUrl } from './links.js';

/** Who wrote a message: `user`/`lead`/`contact` (the customer), `admin` (a teammate), `bot` (Fin, workflows), `team`. */
interface IntercomAuthor {
  type?: string;
  id?: string;
  name?: string | null;
  email?: string | null;
}

interface IntercomPart {
  id: string;
  /** `comment`, `note`, `close`, `open`, `assignment`, …: only comments and closing messages are public. */
  part_type?: string;
  body?: string | null;
  author?: IntercomAuthor;
  redacted?: boolean;
}

/** A conversation as search and retrieval return it (the fields docflow reads). */
export interface IntercomConversation {
  id: string;
  title?: string | null;
  state?: string;
  /** Unix seconds. */
  updated_at: number;
  tags?: { tags?: { name?: string }[] };
  /** The message that opened the conversation. */
  source?: { id?: string; subject?: string | null; body?: string | null; author?: IntercomAuthor; redacted?: boolean };
  /** Up to 500 parts, oldest first (retrieval only). */
  conversation_parts?: { conversation_parts?: IntercomPart[] };
}

export interface SearchPage {
  conversations: IntercomConversation[];
  /** `pages.next.starting_after`: undefined on the last page. */
  next: string | undefined;
}

/** Results a search page asks for: the most the API allows. */
const perPage = 150;

const askers = new Set(['user', 'lead', 'contact']);
const answerers = new Set(['admin', 'bot']);
const roleOf = (author: IntercomAuthor | undefined): 'asker' | 'answerer' | undefined =>
  askers.has(author?.type ?? '') ? 'asker' : answerers.has(author?.type ?? '') ? 'answerer' : undefined;

/** Message bodies are HTML: read as the text people see, code spans kept. */
const textOf = (html: string | null | undefined) => (html ? htmlToText(html) : '');

/** `updated_at` (seconds) as the ISO time runs are pinned to. */
export const isoTime = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');

/**
 * `POST /conversations/search`: closed conversations updated at `since` (Unix seconds) or later, a page of 150
 * after `startingAfter`. The API promises no order, so the caller keeps the high-water mark itself.
 */
export async function searchClosed(w: IntercomWorkspace, since: number, startingAfter?: string): Promise<SearchPage> {
  const page = await intercomCall(
    { method: 'POST', path: '/conversations/search' },
    () =>
      w.client.conversations.search({
        query: {
          operator: 'AND',
          value: [
            { field: 'state', operator: '=', value: 'closed' },
            // Documented as "greater (or equal) than" (strict in places): from one second earlier, either way
            // every update at `since` is returned, and the caller drops what it read before.
            { field: 'updated_at', operator: '>', value: since - 1 },
          ],
        },
        pagination: { per_page: perPage, ...(startingAfter ? { starting_after: startingAfter } : {}) },
      }),
    'invalid_request',
  );
  const list = page?.response as
    | { conversations?: IntercomConversation[]; pages?: { next?: { starting_after?: string | null } | null } }
    | undefined;
  return { conversations: list?.conversations ?? [], next: list?.pages?.next?.starting_after || undefined };
}

/** `GET /conversations/{id}` with its parts; undefined when the workspace has no such conversation. */
export async function readConversation(w: IntercomWorkspace, id: string): Promise<IntercomConversation | undefined> {
  return (await intercomCall(
    { method: 'GET', path: `/conversations/${id}` },
    () => w.client.conversations.find({ conversation_id: id }),
    'invalid_source',
  )) as IntercomConversation | undefined;
}

/**
 * A conversation as docflow may keep it: the opening message and the public replies of the customer and support
 * (comments and closing messages; internal notes are never read), as text, with personal data removed, including
 * the names and emails of the customer and the teammates on it.
 */
export function threadOf(w: IntercomWorkspace, conversation: IntercomConversation): SupportThread {
  const parts = conversation.conversation_parts?.conversation_parts ?? [];
  const authors = [conversation.source?.author, ...parts.map((p) => p.author)];
  const names = authors
    .filter((a) => a && a.type !== 'bot')
    .flatMap((a) => [a!.name ?? '', a!.email ?? ''])
    .filter(Boolean);
  const clean = (text: string) => redactPersonalData(text, { names }).text;
  const messages: SupportThread['messages'] = [];
  const add = (author: IntercomAuthor | undefined, body: string | null | undefined, ref: string | undefined) => {
    const role = roleOf(author);
    const text = textOf(body);
    if (role && text) messages.push({ role, text: clean(text), ...(ref ? { ref } : {}) });
  };
  const { source } = conversation;
  if (source && !source.redacted) add(source.author, source.body, source.id);
  for (const part of parts)
    if ((part.part_type === 'comment' || part.part_type === 'close') && !part.redacted)
      add(part.author, part.body, part.id);
  // Chats have no title or subject: the customer's first line stands for one.
  const subject =
    clean(textOf(conversation.title || source?.subject || '')) ||
    (messages.find((m) => m.role === 'asker')?.text.split('\n')[0] ?? '').slice(0, 80);
  return {
    id: String(conversation.id),
    url: conversationUrl(w.settings, String(conversation.id)),
    subject,
    messages,
    updatedAt: isoTime(conversation.updated_at),
  };
}
