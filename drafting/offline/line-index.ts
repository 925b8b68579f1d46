import { diffFilePath, type DiffFile } from '../diff/parse-unified-diff.js';
import type { Citation } from '../../core/change.js';
import type { SymbolOccurrence } from './scan-occurrences.js';

/** Source lines by path, side and line number, from the diff and (new side) from head contents. */
export interface LineIndex {
  get(path: string, side: 'old' | 'new', line: number): string | undefined;
  /** A citation of lines start..end, or undefined when one of them is unknown. */
  cite(path: string, side: 'old' | 'new', start: number, end: number): Citation | undefined;
}

export function buildLineIndex(files: DiffFile[], contents: Map<string, string> = new Map()): LineIndex {
  const lines = new Map<string, string>();
  const put = (side: string, path: string, line: number | undefined, text: string): void => {
    if (line !== undefined && !lines.has(`${side}:${path}:${line}`)) lines.set(`${side}:${path}:${line}`, text);
  };
  for (const file of files) {
    for (const line of file.hunks.flatMap((h) => h.lines)) {
      if (line.kind !== 'add') put('old', file.oldPath ?? diffFilePath(file), line.oldLine, line.text);
      if (line.kind !== 'remove') put('new', diffFilePath(file), line.newLine, line.text);
    }
  }
  for (const [path, text] of contents) text.split('\n').forEach((line, i) => put('new', path, i + 1, line));

  const get = (path: string, side: 'old' | 'new', line: number): string | undefined =>
    lines.get(`${side}:${path}:${line}`);
  return {
    get,
    cite(path, side, start, end) {
      const excerpt: string[] = [];
      for (let n = start; n <= end; n++) {
        const text = get(path, side, n);
        if (text === undefined) return undefined;
        excerpt.push(text);
      }
      return { path, side, startLine: start, endLine: end, excerpt: excerpt.join('\n') };
    },
  };
}

/** One-line citations of the first few occurrences. */
export function citeAll(index: LineIndex, occurrences: SymbolOccurrence[]): Citation[] {
  return occurrences.slice(0, 3).flatMap((o) => index.cite(o.path, o.side, o.line, o.line) ?? []);
}
