import type { DiffFile } from '../diff/parse-unified-diff.js';
import { extractSymbols, type ChangedSymbol } from '../offline/extract-symbols.js';
import { meaningful } from '../offline/generic-words.js';
import { buildLineIndex } from '../offline/line-index.js';
import { documentedNeighbours, neighboursOf } from '../offline/neighbours.js';
import { NOUNS, mentions } from '../offline/page-index.js';
import { pagesWithToken, type DocIndex } from './doc-index.js';
import { saturate, type Evidence } from './evidence.js';
import { isBuiltIn } from './words.js';

const IDENTIFIER_CAP = 3;
/** Mentions of added names only show the page talks about nearby things: together they give at most this. */
const ADDED_MENTIONS_CAP = 2;

const pagesWithAny = (index: DocIndex, names: string[]): Set<number> =>
  new Set(names.flatMap((n) => pagesWithToken(index, n)));

/**
 * Flags, env vars, routes, exports, option keys and identifiers the diff adds, removes or renames: a page that
 * mentions a removed or renamed one, or documents neighbours of an added one, is very likely affected.
 */
export function symbolSignals(
  index: DocIndex,
  files: DiffFile[],
  contents: ReadonlyMap<string, string>,
  evidence: Evidence,
): void {
  const map = new Map(contents);
  const extracted = extractSymbols(files, map);
  const lines = buildLineIndex(files, map);
  const symbols = extracted.changed.filter(
    (s) => meaningful(s) && !isBuiltIn(s.name) && !isBuiltIn(s.previousName ?? ''),
  );
  // `_internal` names are private by convention: they get no documentation of their own.
  const placed = symbols.filter((s) => s.change === 'added' && s.kind !== 'identifier' && !s.name.startsWith('_'));
  // Candidate pages first: only a page with a symbol's word can mention it, only one with a neighbour's can document that.
  const own = new Map(symbols.map((s) => [s, pagesWithAny(index, [s.name, s.previousName ?? s.name])]));
  const near = new Map(
    placed.map((s) => [
      s,
      pagesWithAny(
        index,
        s.occurrences.flatMap((o) => neighboursOf(o, extracted, lines).map((n) => n.name)),
      ),
    ]),
  );
  const candidates = [...new Set([...own.values(), ...near.values()].flatMap((set) => [...set]))].sort((a, b) => a - b);
  for (const i of candidates) {
    const { page } = index.entries[i];
    let identifiers = 0;
    const added: string[] = [];
    const add = (points: number, reason: string, weak: boolean): void => {
      if (weak && (identifiers += points) > IDENTIFIER_CAP) return;
      evidence.add(i, points, reason);
    };
    for (const symbol of symbols.filter((s) => own.get(s)?.has(i))) {
      const noun = NOUNS[symbol.kind];
      const weak = symbol.kind === 'identifier';
      if (symbol.change === 'removed' && mentions(page, symbol.kind, symbol.name)) {
        add(weak ? 2 : 5, `mentions removed ${noun} \`${symbol.name}\``, weak);
      } else if (
        symbol.change === 'renamed' &&
        symbol.previousName &&
        mentions(page, symbol.kind, symbol.previousName)
      ) {
        add(weak ? 2 : 5, `mentions renamed ${noun} \`${symbol.previousName}\` (now \`${symbol.name}\`)`, weak);
      } else if (mentions(page, symbol.kind, symbol.name)) {
        added.push(`mentions ${symbol.change} ${noun} \`${symbol.name}\``);
      }
    }
    if (added.length > 0) evidence.add(i, saturate(added.length, ADDED_MENTIONS_CAP), added.slice(0, 3).join('; '));
    for (const symbol of placed.filter((s: ChangedSymbol) => near.get(s)?.has(i) && !mentions(page, s.kind, s.name))) {
      const names =
        documentedNeighbours(symbol, extracted, page, lines)?.found.map((f) => `\`${f.neighbour.name}\``) ?? [];
      const reason = `documents neighbouring ${NOUNS[symbol.kind]} ${names.slice(0, 3).join(', ')} of added \`${symbol.name}\``;
      if (names.length > 0) add(Math.min(5, 2 + names.length), reason, false);
    }
  }
}
