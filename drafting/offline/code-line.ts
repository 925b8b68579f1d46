export interface CodeLine {
  /** The line up to its comment. */
  code: string;
  /** `code` with string contents blanked, so names inside strings are not seen as identifiers. */
  bare: string;
  /** String literals: unescaped value and the offsets of the literal in the line. */
  strings: { value: string; start: number; end: number }[];
  /** Comment text without its markers, or null. */
  comment: string | null;
}

const BLOCK_COMMENT_LINE = /^\s*(?:\/\*\*?|\*(?!\*)|\*\/)/;
const STRING = /(['"`])((?:\\.|(?!\1).)*)(?:\1|$)/g;

/** Whether a line is only a comment (`//`, `#`, or part of a block comment). */
export function isCommentLine(line: string): boolean {
  return BLOCK_COMMENT_LINE.test(line) || /^\s*(?:\/\/|#(?:\s|$))/.test(line);
}

/** Splits one source line into code, string literals and comment (a single-line approximation). */
export function splitCodeLine(line: string): CodeLine {
  if (BLOCK_COMMENT_LINE.test(line)) {
    const comment = line
      .replace(/^\s*\/?\*+\/?/, '')
      .replace(/\*\/\s*$/, '')
      .trim();
    return { code: '', bare: '', strings: [], comment };
  }
  const found = [...line.matchAll(STRING)].map((m) => ({
    value: m[2].replace(/\\(.)/g, '$1'),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const blank = (text: string, s: { start: number; end: number }): string =>
    text.slice(0, s.start + 1) + ' '.repeat(Math.max(0, s.end - s.start - 2)) + text.slice(s.end - 1);
  const blanked = found.reduce(blank, line);
  const cut = /\/\/|\/\*|(?:^|\s)#(?=\s|$)/.exec(blanked);
  if (!cut) return { code: line, bare: blanked, strings: found, comment: null };
  const comment = line
    .slice(cut.index)
    .replace(/^\s*(\/\/+|\/\*+|#)/, '')
    .replace(/\*\/\s*$/, '')
    .trim();
  const strings = found.filter((s) => s.end <= cut.index);
  return { code: line.slice(0, cut.index), bare: blanked.slice(0, cut.index), strings, comment };
}
