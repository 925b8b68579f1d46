import type { Citation } from '../../core/change.js';
import { describeFromCode } from './describe-from-code.js';
import type { ChangedSymbol, ExtractedSymbols } from './extract-symbols.js';
import { citeAll, type LineIndex } from './line-index.js';
import { ENTRY_LABELS, entriesFor } from './markdown-entries.js';
import { documentedNeighbours, type DocumentedNeighbours } from './neighbours.js';
import { buildEntry, placeholder } from './entry-shape.js';
import { placeEntry } from './place-entry.js';
import type { LineChange } from './page-changes.js';
import { NOUNS, type IndexedPage } from './page-index.js';

export interface Insertion {
  symbol: string;
  page: string;
  at: number;
  order: [string, number];
  lines: string[];
  rationale: string;
  citations: Citation[];
}

function insertion(
  page: IndexedPage,
  symbol: ChangedSymbol,
  documented: DocumentedNeighbours,
  index: LineIndex,
): Insertion {
  const occ = documented.occurrence;
  const [{ neighbour, entry }] = documented.found;
  const code = describeFromCode(occ, index);
  const source = { ...code, term: symbol.name, alias: occ.alias, usage: occ.usage, method: occ.method };
  const built = buildEntry(page.lines, entry, neighbour.name, source);
  const placed = placeEntry(page.lines, entry, neighbour.where, built);
  const described = !built.some((line) => line.includes(code.description ?? placeholder(symbol.name)))
    ? 'without a description, as the neighbouring entry has no description line'
    : code.description
      ? 'with the description from the code'
      : 'but the code gives no description, so the entry has a TODO placeholder for a human to fill in';
  const what = `\`${symbol.name}\` is a new ${NOUNS[symbol.kind]} in \`${occ.path}\``;
  const where = `${ENTRY_LABELS[entry.kind]} ${neighbour.where} the one for neighbouring \`${neighbour.name}\``;
  return {
    symbol: symbol.name,
    page: page.path,
    at: placed.at,
    order: [occ.path, occ.line],
    lines: placed.lines,
    rationale: `${what}; it gets a ${where}, in the same format, ${described}.`,
    citations: [index.cite(occ.path, 'new', code.startLine, code.endLine) ?? citeAll(index, [occ])].flat(),
  };
}

/**
 * New entries for added symbols, next to a documented neighbour. Only the pages documenting the most neighbours
 * get one, and an option key needs two: object keys are too common for one match to mean much.
 */
export function insertions(
  symbols: ChangedSymbol[],
  extracted: ExtractedSymbols,
  pages: IndexedPage[],
  index: LineIndex,
): Insertion[] {
  return symbols.flatMap((symbol) => {
    const candidates = pages.flatMap((page) => {
      if (entriesFor(page.entries, page.lines, symbol.name).length > 0) return [];
      const documented = documentedNeighbours(symbol, extracted, page, index);
      return documented && documented.found.length >= (symbol.kind === 'key' ? 2 : 1) ? [{ page, documented }] : [];
    });
    const most = Math.max(0, ...candidates.map((c) => c.documented.found.length));
    return candidates
      .filter((c) => c.documented.found.length === most)
      .map((c) => insertion(c.page, symbol, c.documented, index));
  });
}

/** Several new entries at the same place become one change, in code order. */
export function groupInsertions(items: Insertion[]): LineChange[] {
  const byPoint = new Map<number, Insertion[]>();
  for (const item of items) byPoint.set(item.at, [...(byPoint.get(item.at) ?? []), item]);
  return [...byPoint].map(([at, group]) => {
    group.sort((a, b) => a.order[0].localeCompare(b.order[0]) || a.order[1] - b.order[1]);
    const rationale = group.map((i) => i.rationale).join(' ');
    return {
      start: at,
      end: at,
      lines: group.flatMap((i) => i.lines),
      rationale,
      citations: group.flatMap((i) => i.citations),
    };
  });
}
