import { headingName, nameRegion, type MdEntry } from './markdown-entries.js';
import { HEADING, LIST_ITEM, fenceMask, indentOf, isBlank, splitTableRow } from './markdown-lines.js';
import { FLAG_USAGE } from './scan-line.js';
import { bareName, containsTerm, hasLeftover, substituteName } from './term-match.js';

/** What the code says about the symbol that gets a new entry. */
export interface EntrySource {
  term: string;
  alias?: string;
  usage?: string;
  /** A route's HTTP method, replacing the neighbour's. */
  method?: string;
  description?: string;
  defaultValue?: string;
}

export const placeholder = (term: string): string => `TODO: describe \`${term}\``;
const describe = (next: EntrySource): string => next.description ?? placeholder(next.term);

/**
 * Renames the neighbour in an entry's naming part. A flag usage span (`-p, --port <n>`) is rebuilt from the new
 * symbol, since the neighbour's alias and arguments are not its; link targets are left alone (and so show as leftovers).
 */
function renameName(region: string, oldTerm: string, next: EntrySource): string {
  const oldFlag = `--${bareName(oldTerm)}`;
  const renamed = region.replace(
    /(`[^`]+`)|(\]\([^)]*\))|([^`\]]+|\])/g,
    (part: string, span?: string, target?: string) => {
      if (target) return target;
      if (!span) return substituteName(part, oldTerm, next.term);
      const inner = span.slice(1, -1);
      if (containsTerm(inner, oldFlag) && FLAG_USAGE.test(inner.trim())) {
        const flag = `--${bareName(next.term)}`;
        return '`' + (next.usage ?? (next.alias ? `${next.alias}, ${flag}` : flag)) + '`';
      }
      return '`' + substituteName(inner, oldTerm, next.term) + '`';
    },
  );
  const withMethod = next.method
    ? renamed.replace(/\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL)\b/, next.method)
    : renamed;
  // A separate alias span before the name: `` `-p`, `--port` ``.
  return withMethod.replace(/`-[A-Za-z]`(\s*[,/]\s*)/, (_m, sep: string) =>
    next.alias ? `\`${next.alias}\`${sep}` : '',
  );
}

function buildListItem(lines: string[], entry: MdEntry, oldTerm: string, next: EntrySource): string[] {
  const [, indent, marker, rest] = LIST_ITEM.exec(lines[entry.start]) ?? ['', '', '-', ''];
  const region = nameRegion(rest);
  const at = rest.indexOf(region);
  const after = rest.slice(at + region.length);
  const head = `${indent}${marker} ${rest.slice(0, at)}${renameName(region, oldTerm, next)}`;
  const inline = /^(\s*(?::|[-–—|])\s*|\s+)(.*)$/.exec(after);
  if (inline && inline[2].trim() !== '') return [`${head}${inline[1]}${describe(next)}`];
  const continuation = lines.slice(entry.start + 1, entry.end).find((line) => !isBlank(line));
  if (continuation === undefined || LIST_ITEM.test(continuation) || /^\s*(```|~~~)/.test(continuation))
    return [head + after];
  const gap = isBlank(lines[entry.start + 1]) ? [''] : [];
  return [head + after, ...gap, ' '.repeat(indentOf(continuation)) + describe(next)];
}

const ROLES: [RegExp, string][] = [
  [/default/, 'default'],
  [/alias|short/, 'alias'],
  [/desc|meaning|purpose|explanation|details|notes?\b|summary|effect/, 'desc'],
];

/** Same columns as the neighbour's row: name, description, default and alias from the code, `—` elsewhere. */
function buildTableRow(line: string, entry: MdEntry, oldTerm: string, next: EntrySource): string {
  const cells = splitTableRow(line);
  const role = (i: number): string =>
    ROLES.find(([re]) => re.test((entry.header?.[i] ?? '').toLowerCase()))?.[1] ?? 'other';
  const nameCol = Math.max(
    0,
    cells.findIndex((c) => containsTerm(c, oldTerm) || containsTerm(c, bareName(oldTerm))),
  );
  // Without a "description" header, the longest other free-text cell holds it.
  const free = cells.map((c, i) => ({ c, i })).filter(({ i }) => i !== nameCol && role(i) === 'other');
  const described = cells.findIndex((_c, i) => i !== nameCol && role(i) === 'desc');
  const descCol = described >= 0 ? described : (free.sort((a, b) => b.c.length - a.c.length)[0]?.i ?? -1);
  const code = (cell: string, value: string): string => (cell.includes('`') ? `\`${value}\`` : value);
  const out = cells.map((cell, i) => {
    if (i === nameCol) return renameName(cell, oldTerm, next);
    if (i === descCol) return describe(next);
    if (role(i) === 'default' && next.defaultValue !== undefined) return code(cell, next.defaultValue);
    if (role(i) === 'alias' && next.alias) return code(cell, next.alias);
    return '—';
  });
  const lead = line.trimStart().startsWith('|') ? '| ' : '';
  return ' '.repeat(entry.indent) + lead + out.join(' | ') + (line.trimEnd().endsWith('|') ? ' |' : '');
}

const DEFAULT_LINE = /^(\s*(?:[-*+]\s+)?(?:\*\*|__)?Default(?: value)?(?:\*\*|__)?:(?:\*\*|__)?\s*)(.*)$/i;

/** A `Default: x` line carries the new default when the code gives one; otherwise it is dropped. */
function defaultLine(line: string, next: EntrySource): string | null {
  const [, label, value] = DEFAULT_LINE.exec(line) ?? [];
  if (label === undefined || next.defaultValue === undefined) return null;
  return label + (value.includes('`') ? `\`${next.defaultValue}\`` : next.defaultValue);
}

/** Keeps a metadata line (`- **CLI:** \`--port\``) only when it names the neighbour and nothing else of it. */
function metadataLine(line: string, oldTerm: string, next: EntrySource): string | null {
  if (DEFAULT_LINE.test(line)) return defaultLine(line, next);
  const renamed = renameName(line, oldTerm, next);
  if (renamed === line) return null;
  const rest = renamed.split(next.term).join('').split(bareName(next.term)).join('');
  return hasLeftover(rest, oldTerm) ? null : renamed;
}

function buildSection(lines: string[], entry: MdEntry, oldTerm: string, next: EntrySource): string[] {
  const [, hashes, text] = HEADING.exec(lines[entry.start]) ?? ['', '###', ''];
  const out = [`${hashes} ${renameName(headingName(text), oldTerm, next)}`];
  const body = lines.slice(entry.start + 1, entry.end);
  const fenced = fenceMask(body);
  let described = false;
  for (let k = 0; k < body.length; k++) {
    const line = body[k];
    if (fenced[k] || line.trim().startsWith('|') || line.trim().startsWith('<')) continue;
    if (HEADING.test(line)) break;
    if (isBlank(line)) {
      if (out[out.length - 1] !== '') out.push('');
    } else if (LIST_ITEM.test(line) || DEFAULT_LINE.test(line)) {
      const kept = metadataLine(line, oldTerm, next);
      if (kept !== null) out.push(kept);
    } else if (!described && isBlank(body[k - 1] ?? '')) {
      // The first paragraph becomes the description; later prose is the neighbour's own.
      out.push(describe(next));
      described = true;
    }
  }
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out.filter((line, i) => !(line === '' && out[i - 1] === ''));
}

/** The new entry's lines, in the same shape as the neighbour's entry. */
export function buildEntry(lines: string[], entry: MdEntry, oldTerm: string, next: EntrySource): string[] {
  if (entry.kind === 'table-row') return [buildTableRow(lines[entry.start], entry, oldTerm, next)];
  if (entry.kind === 'list-item') return buildListItem(lines, entry, oldTerm, next);
  return buildSection(lines, entry, oldTerm, next);
}
