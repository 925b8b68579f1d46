import type { ChangeContext, ChangedFile, Conversation, ConversationMessage } from '../../../core/change.js';

export interface ConversationInput {
  path: string;
  title: string;
  url?: string;
  /** Redacted already: nothing here is redacted again. */
  messages: { role: ConversationMessage['role']; text: string; ref?: string; url?: string; label?: string }[];
}

const roleLabel: Record<ConversationMessage['role'], string> = {
  asker: 'Customer',
  answerer: 'Agent',
  member: 'Member',
};

/**
 * Conversations as a change: each one a file (a heading, then every message as `Label: text` followed by a blank
 * line) that the change's diff adds, so drafters quote and cite its lines exactly as they cite code, plus the
 * structure (`conversations`) telling them which lines are whose.
 */
export function conversationChange(
  sourceLabel: string,
  note: string,
  inputs: ConversationInput[],
): Pick<ChangeContext, 'sourceLabel' | 'note' | 'diff' | 'files' | 'conversations'> {
  const conversations: Conversation[] = [];
  const files: ChangedFile[] = [];
  const diffs: string[] = [];
  for (const input of inputs) {
    const lines = [`# ${input.title}`, ''];
    const messages: ConversationMessage[] = [];
    for (const m of input.messages) {
      const text = m.text.replace(/\r\n?/g, '\n').trim();
      if (!text) continue;
      const body = `${m.label ?? roleLabel[m.role]}: ${text}`.split('\n');
      const startLine = lines.length + 1;
      lines.push(...body);
      messages.push({
        role: m.role,
        text,
        startLine,
        endLine: lines.length,
        ...(m.ref ? { ref: m.ref } : {}),
        ...(m.url ? { url: m.url } : {}),
      });
      lines.push('');
    }
    const content = `${lines.join('\n')}\n`;
    conversations.push({ path: input.path, title: input.title, ...(input.url ? { url: input.url } : {}), messages });
    files.push({ path: input.path, status: 'added', content });
    diffs.push(
      [
        `diff --git a/${input.path} b/${input.path}`,
        'new file mode 100644',
        '--- /dev/null',
        `+++ b/${input.path}`,
        `@@ -0,0 +1,${lines.length} @@`,
        ...lines.map((l) => `+${l}`),
      ].join('\n'),
    );
  }
  return { sourceLabel, note, diff: diffs.length ? `${diffs.join('\n')}\n` : '', files, conversations };
}
