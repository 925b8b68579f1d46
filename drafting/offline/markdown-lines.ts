/** Line-level markdown helpers: headings, list items, fences, tables, anchors. */
export const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
export const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const FENCE = /^\s*(`{3,}|~{3,})/;
const DELIMITER_ROW = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export const indentOf = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0;
export const isBlank = (line: string | undefined): boolean => line !== undefined && line.trim() === '';

const ANCHOR = /^\s*<a\s+(?:id|name)=[^>]*>\s*(?:<\/a>)?\s*$/;

/** A heading's start moved up over `<a id=…></a>` lines directly above it, which belong to it. */
export function anchoredStart(lines: string[], heading: number): number {
  let start = heading;
  while (start > 0 && ANCHOR.test(lines[start - 1])) start--;
  return start;
}

/** The `| --- | :-: |` line under a table header. */
export const isDelimiterRow = (line: string): boolean => DELIMITER_ROW.test(line) && line.includes('-');

/** Table cells without the outer pipes; `\|` does not split. */
export function splitTableRow(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** Which lines are inside fenced code blocks (fence lines included). */
export function fenceMask(lines: string[]): boolean[] {
  let open: string | null = null;
  return lines.map((line) => {
    const fence = FENCE.exec(line);
    if (open !== null) {
      if (fence && fence[1][0] === open[0] && fence[1].length >= open.length && line.trim() === fence[1]) open = null;
      return true;
    }
    if (fence) open = fence[1];
    return fence !== null;
  });
}
