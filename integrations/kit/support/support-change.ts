import type { ChangeContext } from '../../../core/change.js';
import type { SupportThread } from '../../contract.js';
import { conversationChange } from './conversation-change.js';

/**
 * Support threads (redacted already) as the change a run drafts from: each one a conversation file at
 * `pathOf(id)` that drafters quote and cite, as they cite code. There are no commits: it is prose.
 */
export function supportChange(
  label: string,
  kind: string,
  threads: SupportThread[],
  pathOf: (id: string) => string,
): ChangeContext {
  const listed = threads.map((t) => `#${t.id} (${t.subject})`).join(', ');
  return {
    ...conversationChange(
      label,
      `Support ${kind}s that ask what the docs should answer: ${listed}`,
      threads.map((t) => ({
        path: pathOf(t.id),
        title: `${kind[0]!.toUpperCase()}${kind.slice(1)} ${t.id}: ${t.subject}`,
        ...(t.url ? { url: t.url } : {}),
        messages: t.messages,
      })),
    ),
    commits: [],
  };
}
