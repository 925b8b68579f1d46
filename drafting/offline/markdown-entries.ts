import {
  HEADING,
  LIST_ITEM,
  anchoredStart,
  fenceMask,
  indentOf,
  isBlank,
  isDelimiterRow,
  splitTableRow,
} from './markdown-lines.js';
import { bareName, containsTerm } from './term-match.js';

export type EntryKind = 'list-item' | 'table-row' | 'heading-section';

/** A block of a markdown page that documents one thing. Lines are 0-based, `end` exclusive. */
export interface MdEntry {
  kind: EntryKind;
  start: number;
  /** List items end at their last non-blank line; heading sections at the next heading of the same or higher level. */
  end: number;
  /** What names the documented thing: leading code spans/bold/links, the first table cell, or the heading text. */
  name: string;
  /** The names in `name`, without markup, call signatures or arguments: `-p`, `--port`, `pino.final`. */
  tokens: string[];
  indent: number;
  level?: number;
  /** Header cells of the table a row belongs to. */
  header?: string[];
}

export const ENTRY_LABELS: Record<EntryKind, string> = {
  'list-item': 'list item',
  'table-row': 'table row',
  'heading-section': 'section',
};

// Code spans, bold names and links whose text is code: `--port`, **port**, [`port`](#port).
const PART = String.raw`(?:\x60[^\x60]+\x60|\*\*[^*]+\*\*|__[^_]+__|\[\x60[^\x60]+\x60\](?:\([^)]*\))?)`;
const LEAD = new RegExp(String.raw`^\s*${PART}(?:\s*(?:,|/|or)?\s*${PART})*`);
const LABEL = /^\s*(?:\*\*[^*]+:\*\*|__[^_]+:__)\s*/;

/**
 * The naming part of a list item: its leading code spans, bold text or code links, after an optional
 * `**Label:**` (`` `-p, --port <n>` `` in `` `-p, --port <n>`: Port ``). Plain prose names nothing: ''.
 */
export function nameRegion(text: string): string {
  return LEAD.exec(text.replace(LABEL, ''))?.[0].trim() ?? '';
}

/** A heading's naming part: leading code/bold, else the text up to a separator (`strictTags <Version>` → `strictTags`). */
export function headingName(text: string): string {
  return nameRegion(text) || text.split(/\s+[-–—]\s+|:\s|:$|\s[(<{]/)[0].trim();
}

export function nameTokens(name: string): string[] {
  return name
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/\(.*$/, ' ')
    .replace(/[`*[\]]/g, ' ')
    .split(/[\s,|]+/)
    .map((token) => token.replace(/=.*$/, '').replace(/[:;.]+$/, ''))
    .filter(Boolean);
}

/** An exact name, or a qualified one for code names: `final` is named by `pino.final`, `--port` only by `--port`. */
function names(entry: MdEntry, term: string): boolean {
  const qualified = /^[A-Za-z_$]/.test(term);
  const owner = (t: string): string => t.slice(0, -term.length - 1);
  return entry.tokens.some(
    (t) => t === term || (qualified && t.endsWith(`.${term}`) && /^[\w$][\w$.]*$/.test(owner(t))),
  );
}

function headingLevel(line: string): number {
  return HEADING.exec(line)?.[1].length ?? 7;
}

function listItemEnd(lines: string[], fenced: boolean[], start: number, indent: number): number {
  let last = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j];
    if (isBlank(line)) continue;
    if (indentOf(line) > indent) {
      last = j;
      continue;
    }
    const lazy =
      j === last + 1 && !fenced[j] && !LIST_ITEM.test(line) && !HEADING.test(line) && !line.trim().startsWith('|');
    if (!lazy) break;
    last = j;
  }
  return last + 1;
}

/** Every list item, table row and heading section of a page, outside fenced code. */
export function parseEntries(lines: string[]): MdEntry[] {
  const fenced = fenceMask(lines);
  const entries: MdEntry[] = [];
  lines.forEach((line, i) => {
    if (fenced[i]) return;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1].length;
      let end = i + 1;
      while (end < lines.length && (fenced[end] || headingLevel(lines[end]) > level)) end++;
      const name = headingName(heading[2]);
      if (end < lines.length) end = anchoredStart(lines, end);
      entries.push({ kind: 'heading-section', start: i, end, name, tokens: nameTokens(name), indent: 0, level });
      return;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const indent = item[1].length;
      const name = nameRegion(item[3]);
      const end = listItemEnd(lines, fenced, i, indent);
      if (name) entries.push({ kind: 'list-item', start: i, end, name, tokens: nameTokens(name), indent });
      return;
    }
    if (isDelimiterRow(line) && i > 0 && lines[i - 1].includes('|')) {
      const header = splitTableRow(lines[i - 1]);
      for (let r = i + 1; r < lines.length && lines[r].includes('|') && !isBlank(lines[r]) && !fenced[r]; r++) {
        // A long first cell is prose, not a name.
        const first = splitTableRow(lines[r]).find((cell) => cell !== '') ?? '';
        const name = first.length <= 80 ? first : '';
        const indent = indentOf(lines[r]);
        if (name)
          entries.push({ kind: 'table-row', start: r, end: r + 1, name, tokens: nameTokens(name), indent, header });
      }
    }
  });
  return entries;
}

/**
 * Entries that document `term`: their name is it, or (headings) its bare form
 * while the section contains the term itself. Page titles (`#`) are not entries; nested hits give way to the outermost.
 */
export function entriesFor(entries: MdEntry[], lines: string[], term: string): MdEntry[] {
  const bare = bareName(term);
  const hits = entries.filter((e) => {
    if (e.kind === 'heading-section' && (e.level ?? 1) < 2) return false;
    if (names(e, term)) return true;
    const section = (): string => lines.slice(e.start, e.end).join('\n');
    return e.kind === 'heading-section' && bare !== term && names(e, bare) && containsTerm(section(), term);
  });
  const size = (e: MdEntry): number => e.end - e.start;
  return hits.filter((e) => !hits.some((o) => o !== e && o.start <= e.start && o.end >= e.end && size(o) > size(e)));
}
