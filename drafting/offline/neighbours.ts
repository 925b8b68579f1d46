import type { ChangedSymbol, ExtractedSymbols, SymbolOccurrence } from './extract-symbols.js';
import { isGeneric } from './generic-words.js';
import type { LineIndex } from './line-index.js';
import { entriesFor, type MdEntry } from './markdown-entries.js';
import type { IndexedPage } from './page-index.js';

export interface Neighbour {
  name: string;
  /** Where the neighbour sits in the code relative to the new symbol: its entry gets the new one after or before it. */
  where: 'after' | 'before';
}

/** Keys are only neighbours inside the same object: same indentation, no shallower line between them. */
function sameObject(a: SymbolOccurrence, b: SymbolOccurrence, index: LineIndex): boolean {
  if (a.indent !== b.indent) return false;
  for (let n = Math.min(a.line, b.line) + 1; n < Math.max(a.line, b.line); n++) {
    const text = index.get(a.path, 'new', n);
    if (text === undefined || (text.trim() !== '' && (/^\s*/.exec(text)?.[0].length ?? 0) < a.indent)) return false;
  }
  return true;
}

// Occurrence objects belong to one extraction, so the neighbours of one never change.
const memo = new WeakMap<SymbolOccurrence, Neighbour[]>();
// Per extraction: pre-existing, unchanged, non-generic occurrences grouped by kind and file. Computed once,
// not once per added symbol (a diff adding thousands of options would otherwise be quadratic).
const pools = new WeakMap<ExtractedSymbols, Map<string, SymbolOccurrence[]>>();

function poolOf(extracted: ExtractedSymbols): Map<string, SymbolOccurrence[]> {
  const cached = pools.get(extracted);
  if (cached) return cached;
  const changed = new Set(extracted.changed.flatMap((s) => [s.name, s.previousName ?? '']));
  const pool = new Map<string, SymbolOccurrence[]>();
  for (const o of extracted.all) {
    // Only lines that existed before: siblings in a brand-new object say nothing about where it is documented.
    if (changed.has(o.name) || (o.lineKind !== 'context' && o.lineKind !== 'file')) continue;
    if (o.kind !== 'flag' && isGeneric(o.name)) continue;
    const key = `${o.kind}\0${o.path}`;
    const group = pool.get(key);
    if (group) group.push(o);
    else pool.set(key, [o]);
  }
  pools.set(extracted, pool);
  return pool;
}

/** Pre-existing, unchanged symbols of the same kind near an added symbol, closest first: same hunk, then same file. */
export function neighboursOf(occ: SymbolOccurrence, extracted: ExtractedSymbols, index: LineIndex): Neighbour[] {
  const cached = memo.get(occ);
  if (cached) return cached;
  const tier = (o: SymbolOccurrence): number => (o.hunk === occ.hunk ? 0 : o.lineKind === 'file' ? 2 : 1);
  const rank = (o: SymbolOccurrence): number[] => [tier(o), Math.abs(o.line - occ.line), o.line < occ.line ? 0 : 1];
  const candidates = (poolOf(extracted).get(`${occ.kind}\0${occ.path}`) ?? [])
    .filter((o) => o.kind !== 'key' || sameObject(o, occ, index))
    .map((o) => ({ o, r: rank(o) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.o.name.localeCompare(b.o.name));
  const seen = new Set<string>();
  const result = candidates.flatMap(({ o }) => {
    if (seen.has(o.name)) return [];
    seen.add(o.name);
    return [{ name: o.name, where: o.line < occ.line ? ('after' as const) : ('before' as const) }];
  });
  memo.set(occ, result);
  return result;
}

export interface DocumentedNeighbours {
  occurrence: SymbolOccurrence;
  /** Closest first; the first one is where a new entry goes. */
  found: { neighbour: Neighbour; entry: MdEntry }[];
}

/** The neighbours of an added symbol that the page documents as entries, for the occurrence with the most of them. */
export function documentedNeighbours(
  symbol: ChangedSymbol,
  extracted: ExtractedSymbols,
  page: IndexedPage,
  index: LineIndex,
): DocumentedNeighbours | undefined {
  let best: DocumentedNeighbours | undefined;
  for (const occurrence of symbol.occurrences) {
    const found = neighboursOf(occurrence, extracted, index).flatMap((neighbour) => {
      const [entry] = entriesFor(page.entries, page.lines, neighbour.name);
      return entry ? [{ neighbour, entry }] : [];
    });
    if (found.length > (best?.found.length ?? 0)) best = { occurrence, found };
  }
  return best;
}
