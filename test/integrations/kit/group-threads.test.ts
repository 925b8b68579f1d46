import { describe, expect, it } from 'vitest';
import type { SupportThread } from '../../../integrations/contract.js';
import { groupThreads, keyTerms } from '../../../integrations/kit/support/group-threads.js';

const thread = (id: number, ...messages: string[]): SupportThread => ({
  id: String(id),
  subject: `Ticket ${id}`,
  messages: messages.map((text) => ({ role: 'asker' as const, text })),
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('grouping swept support threads by topic', () => {
  it('takes flags, env vars, code, setting keys and error codes as key terms, not prose or placeholders', () => {
    expect([
      ...keyTerms(thread(1, '[person] says `export --all` fails with E1042, EXPORT_TIMEOUT and retry.max_attempts')),
    ]).toEqual(['export --all', '--all', 'export_timeout', 'retry.max_attempts', 'e1042']);
    expect(keyTerms(thread(2, 'the export is slow, please help'))).toEqual(new Set());
  });

  it('puts tickets sharing a term in one group (transitively), largest first, and leaves vague ones alone', () => {
    const groups = groupThreads([
      thread(1, 'what does --delimiter do'),
      thread(2, 'EXPORT_TIMEOUT is ignored'),
      thread(3, '--delimiter and --quote together'),
      thread(4, 'only --quote here'),
      thread(5, 'nothing concrete'),
      thread(6, 'raise EXPORT_TIMEOUT'),
    ]);
    expect(groups.map((g) => g.threads.map((t) => t.id))).toEqual([['1', '3', '4'], ['2', '6'], ['5']]);
    expect(groups[1]!.terms).toEqual(['export_timeout']);
  });
});
