import { isCommentLine, splitCodeLine } from './code-line.js';
import type { SymbolOccurrence } from './extract-symbols.js';
import type { LineIndex } from './line-index.js';

export interface CodeDescription {
  description?: string;
  defaultValue?: string;
  /** Lines the description and default were read from (including the symbol's own line). */
  startLine: number;
  endLine: number;
}

const LITERAL = String.raw`(-?\d[\d_.]*|'[^']*'|"[^"]*"|true|false|null)`;
const EXPLICIT_DESC = /\b(?:help|description|describe|desc|summary)\s*[:=]\s*(['"`])((?:\\.|(?!\1).)*)\1/;
const EXPLICIT_DEFAULT = new RegExp(String.raw`\b(?:default|defaultValue)\s*[:=]\s*` + LITERAL);
const FALLBACK_DEFAULT = new RegExp(String.raw`(?:\?\?|\|\|)\s*` + LITERAL);
const KEY_VALUE = new RegExp(String.raw`:\s*` + LITERAL + String.raw`\s*,?\s*$`);
const TOOL_COMMENT = /^(?:eslint|@ts-|prettier-|istanbul|c8 |TODO|FIXME|#region|#endregion)/;

const clean = (text: string): string => text.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim();
const indentOf = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0;

/** Reads a symbol's description and default value from the code around its line, never inventing one. */
export function describeFromCode(occ: SymbolOccurrence, index: LineIndex): CodeDescription {
  const at = (n: number): string | undefined => index.get(occ.path, occ.side, n);
  const text = at(occ.line) ?? '';
  const parsed = splitCodeLine(text);
  const found: CodeDescription = { startLine: occ.line, endLine: occ.line };
  let description = EXPLICIT_DESC.exec(parsed.code)?.[2];
  let defaultValue = EXPLICIT_DEFAULT.exec(parsed.code)?.[1];

  if (!description && occ.kind === 'flag') {
    // `.option('--foo <n>', 'Max foos', 10)`: the help string follows the flag's string.
    const k = parsed.strings.findIndex((s) => s.value.includes(occ.name));
    const next = parsed.strings[k + 1];
    if (k >= 0 && next && /^\s*,\s*$/.test(text.slice(parsed.strings[k].end, next.start))) {
      description = next.value;
      defaultValue ??= new RegExp(String.raw`^\s*,\s*` + LITERAL).exec(text.slice(next.end))?.[1];
    }
  }
  if (occ.kind === 'key' && /[{(]\s*$/.test(parsed.code)) {
    // `retryCount: {` followed by `description: '…'` / `default: 3` inside the block.
    for (let n = occ.line + 1; n <= occ.line + 8; n++) {
      const line = at(n);
      if (line === undefined || (line.trim() !== '' && indentOf(line) <= indentOf(text))) break;
      const desc = EXPLICIT_DESC.exec(line)?.[2];
      const def = EXPLICIT_DEFAULT.exec(line)?.[1];
      if ((desc && !description) || (def && !defaultValue)) found.endLine = n;
      description ??= desc;
      defaultValue ??= def;
    }
  }
  if (occ.kind === 'key') defaultValue ??= KEY_VALUE.exec(parsed.code)?.[1];
  defaultValue ??= FALLBACK_DEFAULT.exec(parsed.code)?.[1];

  if (!description && parsed.comment && !TOOL_COMMENT.test(parsed.comment)) description = parsed.comment;
  if (!description) {
    const above: string[] = [];
    let n = occ.line - 1;
    for (let line = at(n); line !== undefined && isCommentLine(line); line = at(--n)) {
      const comment = splitCodeLine(line).comment ?? '';
      if (comment && !comment.startsWith('@') && !TOOL_COMMENT.test(comment)) above.unshift(comment);
    }
    if (above.length > 0) {
      description = above.join(' ');
      found.startLine = n + 1;
    }
  }
  if (description && clean(description)) found.description = clean(description);
  if (defaultValue !== undefined) found.defaultValue = defaultValue;
  return found;
}
