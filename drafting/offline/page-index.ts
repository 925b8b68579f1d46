import type { DocPage } from '../../core/change.js';
import { parseEntries, type MdEntry } from './markdown-entries.js';
import { fenceMask } from './markdown-lines.js';
import { splitPage } from './page-changes.js';
import type { SymbolKind } from './scan-line.js';
import { containsTerm } from './term-match.js';

export interface IndexedPage {
  path: string;
  text: string;
  lines: string[];
  entries: MdEntry[];
  fenced: boolean[];
  /** Inline code spans and fenced code of the page, joined. */
  code: string;
}

export function indexPage(page: DocPage): IndexedPage {
  const lines = splitPage(page.text);
  const fenced = fenceMask(lines);
  const code = [...lines.filter((_l, i) => fenced[i]), ...spansOf(page.text)].join('\n');
  return { path: page.path, text: page.text, lines, fenced, entries: parseEntries(lines), code };
}

const spansOf = (text: string): string[] => text.match(/`[^`\n]+`/g) ?? [];
const distinctive = (kind: SymbolKind, term: string): boolean =>
  kind === 'flag' || kind === 'env' || kind === 'route' || /[A-Z_\d-]/.test(term);

/** Plain lowercase words (`transport`) only count inside code; distinctive names count anywhere. */
export function mentions(page: IndexedPage, kind: SymbolKind, term: string): boolean {
  return containsTerm(distinctive(kind, term) ? page.text : page.code, term);
}

/** 0-based lines of the page that mention the term (by the same rule as `mentions`). */
export function mentioningLines(page: IndexedPage, kind: SymbolKind, term: string): number[] {
  const hits: number[] = [];
  page.lines.forEach((line, i) => {
    const text = distinctive(kind, term) || page.fenced[i] ? line : spansOf(line).join(' ');
    if (containsTerm(text, term)) hits.push(i);
  });
  return hits;
}

export const NOUNS: Record<SymbolKind, string> = {
  flag: 'flag',
  env: 'env var',
  route: 'route',
  export: 'export',
  key: 'option',
  identifier: 'identifier',
};
