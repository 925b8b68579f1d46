import type { ChangedSymbol } from './extract-symbols.js';
import { citeAll, type LineIndex } from './line-index.js';
import { ENTRY_LABELS, entriesFor, type MdEntry } from './markdown-entries.js';
import { anchoredStart, isBlank } from './markdown-lines.js';
import type { LineChange } from './page-changes.js';
import { NOUNS, mentioningLines, type IndexedPage } from './page-index.js';
import { containsTerm, substituteName, termRegex } from './term-match.js';

function proseNote(page: IndexedPage, symbol: ChangedSymbol, term: string, entries: MdEntry[], what: string): string[] {
  const outside = mentioningLines(page, symbol.kind, term).filter(
    (i) => !entries.some((e) => i >= e.start && i < e.end),
  );
  if (outside.length === 0) return [];
  const at = outside
    .slice(0, 5)
    .map((i) => i + 1)
    .join(', ');
  return [
    `\`${page.path}\` still mentions ${what} ${NOUNS[symbol.kind]} \`${term}\` outside an entry of its own (line ${at}); not rewritten.`,
  ];
}

/** Deletes the entries documenting a removed symbol; other mentions become notes. */
export function removals(page: IndexedPage, symbol: ChangedSymbol, index: LineIndex, notes: string[]): LineChange[] {
  const entries = entriesFor(page.entries, page.lines, symbol.name);
  // An entry that also names other things (`--a`, `--b`: …) is not deleted wholesale.
  const shared = (e: MdEntry): boolean =>
    (e.name.match(/`[^`]+`/g) ?? []).some((span) => !containsTerm(span, symbol.name) && !/^`-[A-Za-z]`$/.test(span));
  const own = entries.filter((e) => !shared(e));
  notes.push(...proseNote(page, symbol, symbol.name, own, 'removed'));
  return own.map((e) => {
    const lines = page.lines;
    let start = e.kind === 'heading-section' ? anchoredStart(lines, e.start) : e.start;
    // No blank lines left dangling at the end of the page or doubled between loose list items.
    if (e.end >= lines.length) while (start > 0 && isBlank(lines[start - 1])) start--;
    const dropBlank = e.kind === 'list-item' && isBlank(lines[e.end]) && (e.start === 0 || isBlank(lines[e.start - 1]));
    return {
      start,
      end: dropBlank ? e.end + 1 : e.end,
      lines: [],
      rationale: `\`${symbol.name}\` was removed from \`${symbol.occurrences[0]?.path}\`, so its ${ENTRY_LABELS[e.kind]} is deleted.`,
      citations: citeAll(index, symbol.occurrences),
    };
  });
}

/** Renames a renamed symbol inside the entries documenting it; other mentions become notes. */
export function renames(page: IndexedPage, symbol: ChangedSymbol, index: LineIndex, notes: string[]): LineChange[] {
  const old = symbol.previousName ?? symbol.name;
  const entries = entriesFor(page.entries, page.lines, old);
  notes.push(...proseNote(page, symbol, old, entries, 'renamed'));
  const citations = [...citeAll(index, symbol.previousOccurrences), ...citeAll(index, symbol.occurrences)];
  return entries.flatMap((e): LineChange[] => {
    const before = page.lines.slice(e.start, e.end);
    // Flags are renamed exactly in prose lines: `--verbose` → `--quiet`, but "verbose output" stays.
    const exact = (i: number): boolean => symbol.kind === 'flag' && (i > 0 || e.kind !== 'heading-section');
    const rename = (line: string, i: number): string =>
      exact(i) ? line.replace(termRegex(old), () => symbol.name) : substituteName(line, old, symbol.name);
    const after = before.map(rename);
    if (after.every((line, i) => line === before[i])) return [];
    const where = symbol.occurrences[0]?.path;
    const rationale = `\`${old}\` was renamed to \`${symbol.name}\` in \`${where}\`; the ${ENTRY_LABELS[e.kind]} uses the new name.`;
    return [{ start: e.start, end: e.end, lines: after, rationale, citations }];
  });
}
