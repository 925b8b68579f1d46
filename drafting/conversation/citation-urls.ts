import type { Citation, Conversation, Edit } from '../../core/change.js';

/** Where a citation of a conversation's lines is seen: the message it falls in, else the conversation. */
export function conversationUrl(conversations: Conversation[], citation: Citation): string | undefined {
  const conversation = conversations.find((c) => c.path === citation.path);
  if (!conversation) return undefined;
  const message = conversation.messages.find(
    (m) => m.startLine <= citation.startLine && citation.startLine <= m.endLine,
  );
  return message?.url ?? conversation.url;
}

/** Citations of conversation lines get the link to their message (a chat permalink, the ticket). */
export function withConversationUrls(edits: Edit[], conversations: Conversation[] | undefined): Edit[] {
  if (!conversations?.length) return edits;
  return edits.map((edit) => ({
    ...edit,
    citations: edit.citations.map((c) => {
      const url = c.url ?? conversationUrl(conversations, c);
      return url ? { ...c, url } : c;
    }),
  }));
}
