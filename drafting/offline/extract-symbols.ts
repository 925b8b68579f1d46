import { diffFilePath, type DiffFile } from '../diff/parse-unified-diff.js';
import { scanContents, scanHunks, type SymbolOccurrence } from './scan-occurrences.js';
import type { SymbolKind } from './scan-line.js';
import { containsTerm } from './term-match.js';

export type { SymbolOccurrence } from './scan-occurrences.js';

export interface ChangedSymbol {
  kind: SymbolKind;
  name: string;
  change: 'added' | 'removed' | 'renamed';
  /** For `renamed`: the old name and its removed lines. */
  previousName?: string;
  previousOccurrences: SymbolOccurrence[];
  /** Added lines (added, renamed) or removed lines (removed). */
  occurrences: SymbolOccurrence[];
}

export interface ExtractedSymbols {
  changed: ChangedSymbol[];
  /** Every occurrence in the diff and head contents, to find neighbours. */
  all: SymbolOccurrence[];
}

const id = (s: { kind: string; name: string }): string => `${s.kind}\u0000${s.name}`;

function diffText(files: DiffFile[], kind: string): string {
  return files
    .flatMap((f) => f.hunks.flatMap((h) => h.lines.filter((l) => l.kind === kind).map((l) => l.text)))
    .join('\n');
}

/** Head file text outside the added lines: what was there before the change too. */
function unchangedText(files: DiffFile[], contents: Map<string, string>): string {
  const added = new Set(
    files.flatMap((f) =>
      f.hunks.flatMap((h) => h.lines.filter((l) => l.kind === 'add').map((l) => `${diffFilePath(f)}:${l.newLine}`)),
    ),
  );
  const kept = ([path, text]: [string, string]): string[] =>
    text.split('\n').filter((_l, i) => !added.has(`${path}:${i + 1}`));
  return [...contents].flatMap(kept).join('\n');
}

/** Finds the symbols a diff adds, removes or renames. `contents` (path → head text) widens the view of what stays. */
export function extractSymbols(files: DiffFile[], contents: Map<string, string> = new Map()): ExtractedSymbols {
  const inDiff = scanHunks(files);
  // Presence is textual: a name still written on a context line, on the other side or in the unchanged
  // head file is neither added nor removed, whatever kind of token it is there.
  const [added, removed, context] = [diffText(files, 'add'), diffText(files, 'remove'), diffText(files, 'context')];
  const head = unchangedText(files, contents);
  const grouped = new Map<string, SymbolOccurrence[]>();
  for (const o of inDiff) grouped.set(id(o), [...(grouped.get(id(o)) ?? []), o]);
  // A name that is a flag, env var, route, export or key somewhere is not also a bare identifier.
  const specific = new Set(inDiff.filter((o) => o.kind !== 'identifier').map((o) => o.name));
  const byId = new Map<string, ChangedSymbol>();
  for (const [key, occurrences] of grouped) {
    const { kind, name } = occurrences[0];
    if ((kind === 'identifier' && specific.has(name)) || containsTerm(context, name) || containsTerm(head, name))
      continue;
    const on = (lineKind: string): SymbolOccurrence[] => occurrences.filter((o) => o.lineKind === lineKind);
    if (on('add').length > 0 && !containsTerm(removed, name)) {
      byId.set(key, { kind, name, change: 'added', occurrences: on('add'), previousOccurrences: [] });
    } else if (on('remove').length > 0 && !containsTerm(added, name)) {
      byId.set(key, { kind, name, change: 'removed', occurrences: on('remove'), previousOccurrences: [] });
    }
  }
  pairRenames(byId);
  return { changed: [...byId.values()], all: [...inDiff, ...scanContents(contents)] };
}

/** Paired lines mean "renamed" only when otherwise alike: `'--verbose', 'Log more'` → `'--loud', 'Log more'`. */
function alike(removed: string, added: string, oldName: string, newName: string): boolean {
  const words = (text: string): string[] => text.split(/[^\w$-]+/).filter(Boolean);
  const a = words(removed.split(oldName).join(newName));
  const b = new Set(words(added));
  return (2 * a.filter((w) => b.has(w)).length) / (a.length + b.size || 1) >= 0.6;
}

function pairRenames(byId: Map<string, ChangedSymbol>): void {
  const symbols = [...byId.values()];
  for (const old of symbols.filter((s) => s.change === 'removed')) {
    const paired = (s: ChangedSymbol): boolean =>
      old.occurrences.some((r) =>
        s.occurrences.some((a) => a.pair === r.pair && alike(r.text, a.text, old.name, s.name)),
      );
    const next = symbols.find((s) => s.change === 'added' && s.kind === old.kind && paired(s));
    if (!next) continue;
    Object.assign(next, { change: 'renamed', previousName: old.name, previousOccurrences: old.occurrences });
    byId.delete(id(old));
  }
}
