import { indexPage } from '../offline/page-index.js';
import type { DocPage } from '../../core/change.js';
import type { IndexedPage } from '../offline/page-index.js';
import { compact, flatText, namesIn, terms } from './words.js';

export interface Heading {
  line: number;
  level: number;
  text: string;
}

/** One page, read for impact ranking. */
export interface DocEntry {
  path: string;
  /** Lines, fenced-code mask and entries (headings, list items, option-table rows), as the offline drafter reads them. */
  page: IndexedPage;
  /** Compact file name: `docs/config/retry-count.md` → `retrycount`. */
  stem: string;
  /** The page title: front matter `title:` (before any ` | `), else the first `#` heading. */
  title: string;
  /** Terms of the title and the file name. */
  titleTerms: Set<string>;
  headings: Heading[];
  /** Code names in code spans and fences, with counts: `client.close()` gives `client` and `close`. */
  codeNames: Map<string, number>;
  /** Names that head an entry (heading, list item, table row): what the page documents as its own. */
  entryNames: Set<string>;
  /** Lower case, markup-free, one-space text, to find phrases in. */
  flatText: string;
  /** Term frequencies for lexical ranking, headings and page name counted extra. */
  tf: Map<string, number>;
  length: number;
  /** Links to other pages, with the 0-based line they are on. */
  links: { line: number; to: number }[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const SPAN = /`([^`\n]+)`/g;
const FLAG = /(?<![\w-])--?[A-Za-z][\w.-]*/g;
/** Extra weight of heading and file-name terms in the lexical ranking. */
const HEADING_BOOST = 2;
const NAME_BOOST = 3;

function add(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function titleOf(text: string, headings: Heading[]): string {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const named = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(frontMatter)?.[1].split(' | ')[0];
  const raw = named ?? headings.find((h) => h.level === 1)?.text ?? '';
  return raw
    .replace(/<[^>]*>|\{#[^}]*\}|`/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything about one page that does not depend on the other pages. */
export function readDocPage(doc: DocPage): Omit<DocEntry, 'links'> {
  const page = indexPage(doc);
  const file = (doc.path.split('/').pop() ?? doc.path).replace(/\.[^.]+$/, '');
  const headings = page.lines.flatMap((line, i): Heading[] => {
    const m = page.fenced[i] ? null : HEADING.exec(line);
    return m ? [{ line: i, level: m[1].length, text: m[2] }] : [];
  });
  const codeNames = new Map<string, number>();
  page.lines.forEach((line, i) => {
    const code = page.fenced[i] ? [line] : [...line.matchAll(SPAN)].map((m) => m[1]);
    for (const name of code.flatMap((c) => [...namesIn(c), ...(c.match(FLAG) ?? [])])) add(codeNames, name);
  });
  const stem = compact(file);
  const title = titleOf(doc.text, headings);
  const tf = new Map<string, number>();
  const body = terms(doc.text);
  body.forEach((t) => add(tf, t));
  for (const t of headings.flatMap((h) => terms(h.text))) add(tf, t, HEADING_BOOST);
  for (const t of [...terms(file), stem]) add(tf, t, NAME_BOOST);
  return {
    path: doc.path,
    page,
    stem,
    title,
    titleTerms: new Set([...terms(title), ...terms(file), stem]),
    headings,
    codeNames,
    entryNames: new Set(page.entries.flatMap((e) => e.tokens.flatMap((t) => [t, ...namesIn(t)]))),
    flatText: flatText(doc.text),
    tf,
    length: body.length,
  };
}
