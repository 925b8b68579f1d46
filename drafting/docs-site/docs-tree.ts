import type { DocPage } from '../../core/change.js';

/** A destination's docs as the docs-site checks see them: pages and site files by path, and the docs folder. */
export interface DocsTree {
  /** `docs/` or `""` (the whole repository). */
  docsDir: string;
  /** Pages and site files (navigation, site settings), path → text. */
  files: Map<string, string>;
  /** Which of `files` are pages. */
  pages: Set<string>;
}

/** `docs`, `./docs/` → `docs/`; `""`, `.` → `""`. */
export function docsFolder(docsDir: string | undefined): string {
  const dir = (docsDir ?? '').replace(/^\.?\/?/, '').replace(/\/?$/, '');
  return dir === '' || dir === '.' ? '' : `${dir}/`;
}

export function docsTree(pages: DocPage[], siteFiles: DocPage[] = [], docsDir?: string): DocsTree {
  return {
    docsDir: docsFolder(docsDir),
    files: new Map([...siteFiles, ...pages].map((p) => [p.path, p.text])),
    pages: new Set(pages.map((p) => p.path)),
  };
}
