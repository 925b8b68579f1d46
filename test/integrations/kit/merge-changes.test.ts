import { describe, expect, it } from 'vitest';
import type { ChangeContext } from '../../../core/change.js';
import { parseUnifiedDiff } from '../../../drafting/diff/parse-unified-diff.js';
import { memberOfPath, mergeChanges } from '../../../integrations/kit/merge-changes.js';

const change = (path: string, removed: string, extra: Partial<ChangeContext> = {}): ChangeContext => ({
  sourceLabel: path,
  commits: [{ sha: path, message: `change ${path}` }],
  diff: [
    `diff --git a/${path} b/${path}`,
    'index 1111111..2222222 100644',
    `--- a/${path}`,
    `+++ b/${path}`,
    '@@ -1,2 +1,2 @@',
    ` keep`,
    `-${removed}`,
    `+added`,
    '',
  ].join('\n'),
  files: [{ path, status: 'modified', content: 'keep\nadded\n' }],
  ...extra,
});

describe('mergeChanges', () => {
  it('keeps two members touching the same file apart, each under its own folder, hunk lines untouched', () => {
    const merged = mergeChanges([
      { label: 'acme/app#1', change: change('src/cli.ts', '-- a/looks-like-a-header', { author: 'ann' }) },
      { label: 'acme/app#2', change: change('src/cli.ts', 'old', { author: 'bob', note: 'Adds retries.' }) },
    ]);
    const files = parseUnifiedDiff(merged.diff);
    expect(files.map((f) => f.newPath)).toEqual(['source-1/src/cli.ts', 'source-2/src/cli.ts']);
    expect(files[0]!.hunks[0]!.lines.map((l) => l.text)).toContain('-- a/looks-like-a-header');
    expect(merged.files.map((f) => f.path)).toEqual(['source-1/src/cli.ts', 'source-2/src/cli.ts']);
    expect(merged.commits).toHaveLength(2);
    expect(merged.author).toBeUndefined(); // two authors: none is the change's
    expect(merged.sourceLabel).toBe('2 changes: acme/app#1, acme/app#2');
    expect(merged.note).toContain('Source 2 (source-2/): acme/app#2\nAdds retries.');
  });

  it('moves conversations with their files, says shared references once, keeps what was left out', () => {
    const reference = { id: 'ENG-1', kind: 'issue', title: 'Retries', text: 'Add retries' };
    const merged = mergeChanges(
      [
        { label: 'a', change: change('t/1.md', 'x', { references: [reference] }) },
        {
          label: 'b',
          change: change('t/2.md', 'y', {
            references: [reference],
            conversations: [{ path: 't/2.md', title: 'Ticket', messages: [] }],
          }),
        },
      ],
      ['c left out: only ignored paths'],
    );
    expect(merged.conversations?.map((c) => c.path)).toEqual(['source-2/t/2.md']);
    expect(merged.references).toEqual([reference]);
    expect(merged.contextNotes).toEqual(['c left out: only ignored paths']);
  });

  it('finds the member of a cited path', () => {
    expect(memberOfPath('source-12/src/a/b.ts')).toEqual({ index: 11, path: 'src/a/b.ts' });
    expect(memberOfPath('src/cli.ts')).toBeUndefined();
  });
});
