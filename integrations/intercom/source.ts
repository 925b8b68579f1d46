import { AppError } from '../../core/errors.js';
import type { SourceAdapter, SupportThread } from '../contract.js';
import { supportChange } from '../kit/support/support-change.js';
import type { IntercomClients, IntercomWorkspace } from './clients.js';
import { isoTime, readConversation, threadOf } from './conversations.js';
import { conversationUrl } from './links.js';
import { intercomSourceSchema, type IntercomSource } from './schemas.js';

/** Each conversation becomes one "file" of the change, so drafters cite `intercom/conversations/<id>` and its lines. */
export const conversationPath = (id: string) => `intercom/conversations/${id}`;

const describe = (source: IntercomSource) =>
  `Intercom conversation${source.conversations.length > 1 ? 's' : ''} ${source.conversations.map((c) => `#${c.id}`).join(', ')}`;

async function conversationOrRefusal(w: IntercomWorkspace, id: string) {
  const found = await readConversation(w, id);
  if (!found)
    throw new AppError('invalid_source', `Intercom conversation ${id} cannot be read (HTTP 404)`, [
      { path: 'conversations', message: `conversation ${id} answered 404` },
    ]);
  return found;
}

/** Conversations as a run's source: pinned to the update they were read at, gathered as redacted threads. */
export function createIntercomSource(clients: IntercomClients): SourceAdapter<IntercomSource> {
  return {
    sourceSchema: intercomSourceSchema,
    async validateSource(source) {
      const w = await clients.workspace(source.integrationId);
      const conversations = [];
      for (const { id } of source.conversations) {
        const found = await conversationOrRefusal(w, id);
        conversations.push({ id, updatedAt: isoTime(found.updated_at), url: conversationUrl(w.settings, id) });
      }
      return { ...source, conversations };
    },
    async gatherContext(source) {
      const w = await clients.workspace(source.integrationId);
      const threads: SupportThread[] = [];
      for (const { id } of source.conversations) threads.push(threadOf(w, await conversationOrRefusal(w, id)));
      return { change: supportChange(describe(source), 'conversation', threads, conversationPath) };
    },
    describeSource: describe,
    sourceUrl: (source) => (source.conversations.length === 1 ? source.conversations[0]!.url : undefined),
    citationUrl: (source, citation) => source.conversations.find((c) => conversationPath(c.id) === citation.path)?.url,
  };
}
