import { describe, expect, it } from 'vitest';
import { EditConflictError, applyEdits } from '../../drafting/apply-edits.js';
import type { Edit } from '../../core/change.js';

const edit = (path: string, before: string, after: string): Edit => ({
  path,
  before,
  after,
  rationale: 'r',
  citations: [],
});

describe('applyEdits', () => {
  it('applies edits in order without touching the input', () => {
    const pages = { 'a.md': 'one\ntwo\nthree\n', 'b.md': 'b\n' };
    const result = applyEdits(pages, [
      edit('a.md', 'two\n', 'TWO\n'),
      edit('a.md', 'three', '3'),
      edit('c.md', '', '# C\n'),
    ]);
    expect(result).toEqual({ 'a.md': 'one\nTWO\n3\n', 'b.md': 'b\n', 'c.md': '# C\n' });
    expect(pages['a.md']).toBe('one\ntwo\nthree\n');
  });

  it('accepts a Map', () => {
    expect(applyEdits(new Map([['a.md', 'x']]), [edit('a.md', 'x', 'y')])).toEqual({ 'a.md': 'y' });
  });

  it('throws EditConflictError when before is missing or ambiguous', () => {
    const pages = { 'a.md': 'x\nx\n' };
    expect(() => applyEdits(pages, [edit('a.md', 'x\n', 'y\n')])).toThrow(/occurs 2 times/);
    expect(() => applyEdits(pages, [edit('a.md', 'z', 'y')])).toThrow(/does not occur/);
    try {
      applyEdits(pages, [edit('a.md', 'z', 'y')]);
    } catch (error) {
      expect(error).toBeInstanceOf(EditConflictError);
      expect((error as EditConflictError).path).toBe('a.md');
    }
  });

  it('refuses to create a page that exists, or to edit one that does not', () => {
    expect(() => applyEdits({ 'a.md': '' }, [edit('a.md', '', 'new')])).toThrow(EditConflictError);
    expect(() => applyEdits({}, [edit('a.md', 'x', 'y')])).toThrow(/does not exist/);
  });
});
