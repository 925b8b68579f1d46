import { countOccurrences } from '../apply-edits.js';
import type { Edit } from '../../core/change.js';

/** The smallest whole-line edit turning `old` into `next`, its `before` occurring exactly once in `old`. */
export function textEdit(file: string, old: string, next: string, rationale: string): Edit {
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start++;
  let end = 0;
  while (end < old.length - start && end < next.length - start && old.at(-1 - end) === next.at(-1 - end)) end++;
  start = old.lastIndexOf('\n', start - 1) + 1;
  const changedEnd = Math.max(start, old.length - end);
  const lineEnd = old.indexOf('\n', changedEnd);
  let oldEnd =
    changedEnd === start || old[changedEnd - 1] === '\n' ? changedEnd : lineEnd < 0 ? old.length : lineEnd + 1;
  while (start > 0 || oldEnd < old.length) {
    const before = old.slice(start, oldEnd);
    if (before !== '' && countOccurrences(old, before) === 1) break;
    if (start > 0) start = old.lastIndexOf('\n', start - 2) + 1;
    else oldEnd = old.indexOf('\n', oldEnd) < 0 ? old.length : old.indexOf('\n', oldEnd) + 1;
  }
  const tail = old.length - oldEnd;
  return {
    path: file,
    before: old.slice(start, oldEnd),
    after: next.slice(start, next.length - tail),
    rationale,
    citations: [],
  };
}
