import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../drafting/apply-edits.js';
import { toEdits } from '../../drafting/offline/page-changes.js';

const change = (start: number, end: number, lines: string[], rationale = 'r') => ({
  start,
  end,
  lines,
  rationale,
  citations: [],
});

describe('toEdits', () => {
  it('extends `before` with surrounding lines until it is unique', () => {
    const text = '## A\n\n- x\n\n## B\n\n- x\n';
    const [edit] = toEdits('p.md', text, [change(6, 7, ['- y'])]);
    expect(edit.before).toBe('## B\n\n- x\n');
    expect(text.split(edit.before)).toHaveLength(2);
    expect(applyEdits({ 'p.md': text }, [edit])['p.md']).toBe('## A\n\n- x\n\n## B\n\n- y\n');
  });

  it('anchors an insertion on the line before it', () => {
    const [edit] = toEdits('p.md', 'a\nb\nc', [change(3, 3, ['d'])]);
    expect(edit).toMatchObject({ before: 'c', after: 'c\nd' });
  });

  it('merges changes that touch or whose contexts overlap', () => {
    const text = 'a\nb\nc\nd\n';
    const edits = toEdits('p.md', text, [change(1, 2, [], 'remove b.'), change(2, 2, ['x'], 'insert x.')]);
    expect(edits).toHaveLength(1);
    expect(edits[0].rationale).toBe('remove b. insert x.');
    expect(applyEdits({ 'p.md': text }, edits)['p.md']).toBe('a\nx\nc\nd\n');
  });

  it('keeps separate edits apart and applicable in order', () => {
    const text = 'a\nb\nc\nd\ne\n';
    const edits = toEdits('p.md', text, [change(4, 5, ['E']), change(0, 1, ['A'])]);
    expect(edits.map((e) => e.before)).toEqual(['a\n', 'e\n']);
    expect(applyEdits({ 'p.md': text }, edits)['p.md']).toBe('A\nb\nc\nd\nE\n');
  });
});

describe('toEdits with CRLF pages', () => {
  it('writes new lines with the page’s line endings', () => {
    const text = '- a\r\n- b\r\n';
    const edits = toEdits('p.md', text, [change(1, 1, ['- x'])]);
    expect(applyEdits({ 'p.md': text }, edits)['p.md']).toBe('- a\r\n- x\r\n- b\r\n');
  });
});
