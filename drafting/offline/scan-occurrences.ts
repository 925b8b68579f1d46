import { diffFilePath, type DiffFile } from '../diff/parse-unified-diff.js';
import { scanLine, type LineSymbol } from './scan-line.js';

export interface SymbolOccurrence extends LineSymbol {
  path: string;
  side: 'old' | 'new';
  line: number;
  /** `file`: a line of the head file outside the diff, only used to find neighbours. */
  lineKind: 'add' | 'remove' | 'context' | 'file';
  /** Hunk number across the diff; -1 for file content. */
  hunk: number;
  text: string;
  indent: number;
  /** Position in a run of removed-then-added lines (`hunk:run:index`); equal values are paired lines. */
  pair?: string;
}

const indentOf = (text: string): number => /^\s*/.exec(text)?.[0].length ?? 0;

/** Every symbol on every line of the diff. */
export function scanHunks(files: DiffFile[]): SymbolOccurrence[] {
  const out: SymbolOccurrence[] = [];
  const hunks = files.filter((f) => !f.binary).flatMap((file) => file.hunks.map((hunk) => ({ file, hunk })));
  hunks.forEach(({ file, hunk }, hunkNo) => {
    let [run, removed, added, previous] = [0, 0, 0, 'context'];
    for (const line of hunk.lines) {
      if (line.kind === 'remove' && previous !== 'remove') [run, removed, added] = [run + 1, 0, 0];
      previous = line.kind;
      const index = line.kind === 'remove' ? removed++ : line.kind === 'add' ? added++ : -1;
      const old = line.kind === 'remove';
      const base = {
        path: old ? (file.oldPath ?? diffFilePath(file)) : diffFilePath(file),
        side: old ? ('old' as const) : ('new' as const),
        line: (old ? line.oldLine : line.newLine) ?? 0,
        lineKind: line.kind,
        hunk: hunkNo,
        text: line.text,
        indent: indentOf(line.text),
      };
      const pair = index >= 0 ? { pair: `${hunkNo}:${run}:${index}` } : {};
      for (const symbol of scanLine(line.text)) out.push({ ...symbol, ...base, ...pair });
    }
  });
  return out;
}

/** Symbols (not bare identifiers) in head file contents, path → text. */
export function scanContents(contents: Map<string, string>): SymbolOccurrence[] {
  return [...contents]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, text]) =>
      text.split('\n').flatMap((line, i) =>
        scanLine(line)
          .filter((s) => s.kind !== 'identifier')
          .map((s): SymbolOccurrence => {
            return {
              ...s,
              path,
              side: 'new',
              line: i + 1,
              lineKind: 'file',
              hunk: -1,
              text: line,
              indent: indentOf(line),
            };
          }),
      ),
    );
}
