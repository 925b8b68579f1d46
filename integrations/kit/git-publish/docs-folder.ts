/** Files docflow treats as documentation pages. */
export const docExtensions = /\.(md|mdx|markdown|rst|adoc|txt)$/i;

/** At most this many pages are read from one docs folder. */
export const maxPages = 1000;

/** Pages larger than this, or holding NUL bytes, are not text docflow can edit. */
export const maxPageBytes = 1024 * 1024;

/** `docs`, `./docs/`, `/docs` → `docs/`; `""`, `.` or `/` → `""` (the whole repository). */
export function docsPrefix(docsDir: string): string {
  const dir = docsDir.replace(/^\.?\/?/, '').replace(/\/?$/, '');
  return dir === '' || dir === '.' ? '' : `${dir}/`;
}

export const isEditableText = (text: string) => !text.includes('\0') && Buffer.byteLength(text) <= maxPageBytes;
