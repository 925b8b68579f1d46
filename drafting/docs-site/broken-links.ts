import { anchorsOf } from './anchors.js';
import { isMarkdownPage, relativeLinks, resolvePage, type PageLink } from './links.js';

export interface BrokenLink extends PageLink {
  page: string;
  /** `no page`, or `no anchor` when the page exists but not the heading. */
  problem: 'no page' | 'no anchor';
}

/**
 * The relative links of Markdown pages below `docsDir` that point nowhere. Links that leave the docs
 * folder are not judged (docflow does not see those files).
 */
export function brokenLinks(pages: Map<string, string>, docsDir: string, only?: Set<string>): BrokenLink[] {
  const anchors = new Map<string, Set<string>>();
  const anchorsIn = (page: string) => {
    let found = anchors.get(page);
    if (!found) anchors.set(page, (found = anchorsOf(pages.get(page) ?? '')));
    return found;
  };
  const broken: BrokenLink[] = [];
  for (const [page, text] of pages) {
    if (!isMarkdownPage(page) || (only && !only.has(page))) continue;
    for (const link of relativeLinks(page, text)) {
      if (!link.file.startsWith(docsDir) || link.file.startsWith('../')) continue;
      const target = resolvePage(link.file, pages);
      if (!target) broken.push({ ...link, page, problem: 'no page' });
      else if (link.anchor && isMarkdownPage(target) && !anchorsIn(target).has(decodeAnchor(link.anchor)))
        broken.push({ ...link, page, problem: 'no anchor' });
    }
  }
  return broken;
}

function decodeAnchor(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

export const linkKey = (link: BrokenLink) => `${link.page}\u0000${link.target}`;
