import type { MdEntry } from './markdown-entries.js';
import { LIST_ITEM, anchoredStart, indentOf, isBlank } from './markdown-lines.js';

/** Whether a list is loose (items separated by blank lines), judged around one item. */
function looseList(lines: string[], entry: MdEntry): boolean {
  let [p, n] = [entry.start - 1, entry.end];
  while (p >= 0 && isBlank(lines[p])) p--;
  while (n < lines.length && isBlank(lines[n])) n++;
  const sibling = (i: number): boolean =>
    i >= 0 &&
    i < lines.length &&
    (LIST_ITEM.test(lines[i]) ? indentOf(lines[i]) >= entry.indent : indentOf(lines[i]) > entry.indent);
  return (n > entry.end && sibling(n) && indentOf(lines[n]) === entry.indent) || (p < entry.start - 1 && sibling(p));
}

/** Where a new entry goes next to the neighbour's, with the blank lines its kind needs around it. */
export function placeEntry(
  lines: string[],
  entry: MdEntry,
  where: 'after' | 'before',
  entryLines: string[],
): { at: number; lines: string[] } {
  if (entry.kind === 'heading-section') {
    if (where === 'before') return { at: anchoredStart(lines, entry.start), lines: [...entryLines, ''] };
    return { at: entry.end, lines: isBlank(lines[entry.end - 1]) ? [...entryLines, ''] : ['', ...entryLines] };
  }
  const gap = entry.kind === 'list-item' && looseList(lines, entry) ? [''] : [];
  if (where === 'before') return { at: entry.start, lines: [...entryLines, ...gap] };
  return { at: entry.end, lines: [...gap, ...entryLines] };
}
