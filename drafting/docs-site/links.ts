import path from 'node:path';
import { fenceMask } from '../offline/markdown-lines.js';

export interface PageLink {
  /** As written: `../cli.md#flags`, `#usage`. */
  target: string;
  /** The page path it points at (the linking page itself for `#anchor`), before trying extensions. */
  file: string;
  /** Without the `#`; undefined when there is none. */
  anchor?: string;
}

const INLINE = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm;
const INLINE_CODE = /`+[^`]*`+/g;

export const isMarkdownPage = (file: string) => /\.(md|mdx|markdown)$/i.test(file);

/** Whether a link target names a page docflow can check (no scheme, not site-absolute, a page or no extension). */
function checkable(target: string): boolean {
  if (!target || /^[a-z][\w+.-]*:/i.test(target) || target.startsWith('/') || target.startsWith('{')) return false;
  const file = target.replace(/[?#].*$/, '');
  return !file || !/\.[a-z0-9]+$/i.test(file) || /\.(md|mdx|markdown|html?)$/i.test(file);
}

/** The relative links of a Markdown page that docflow checks: to pages (with or without extension) and anchors. */
export function relativeLinks(page: string, text: string): PageLink[] {
  const lines = text.split('\n');
  const fenced = fenceMask(lines);
  const prose = lines.map((line, i) => (fenced[i] ? '' : line.replace(INLINE_CODE, ''))).join('\n');
  const targets = [...prose.matchAll(INLINE), ...prose.matchAll(REFERENCE)].map((m) => m[1]!);
  return targets.filter(checkable).map((target) => {
    const [rawFile = '', anchor] = target.split('#', 2) as [string, string | undefined];
    let file = page;
    const withoutQuery = rawFile.replace(/\?.*$/, '');
    if (withoutQuery) {
      let decoded = withoutQuery;
      try {
        decoded = decodeURI(withoutQuery);
      } catch {
        // kept as written
      }
      file = path.posix.normalize(path.posix.join(path.posix.dirname(page), decoded));
      if (withoutQuery.endsWith('/')) file = `${file.replace(/\/$/, '')}/`;
    }
    return { target, file, ...(anchor ? { anchor } : {}) };
  });
}

/** The page a link's file names among `files`: as written, with a page extension, or a folder's index. */
export function resolvePage(file: string, files: { has(path: string): boolean }): string | undefined {
  const base = file.replace(/\/$/, '');
  const stem = base.replace(/\.html?$/i, '');
  const candidates = file.endsWith('/')
    ? [`${base}/index.md`, `${base}/index.mdx`, `${base}/README.md`]
    : [
        base,
        `${stem}.md`,
        `${stem}.mdx`,
        `${stem}.markdown`,
        `${base}/index.md`,
        `${base}/index.mdx`,
        `${base}/README.md`,
      ];
  return candidates.find((c) => files.has(c));
}
