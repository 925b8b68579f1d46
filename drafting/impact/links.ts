import path from 'node:path';

const INLINE = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm;
const HREF = /\bhref=["']([^"']+)["']/g;

/** Link targets of a markdown page that may point at another page: no external URLs, anchors or query. */
export function linkTargets(text: string): string[] {
  const raw = [...text.matchAll(INLINE), ...text.matchAll(REFERENCE), ...text.matchAll(HREF)].map((m) => m[1]);
  return raw
    .filter((t) => !/^[a-z][\w+.-]*:/i.test(t) && !t.startsWith('#'))
    .map((t) => t.replace(/[#?].*$/, ''))
    .filter(Boolean);
}

const withoutExt = (p: string): string =>
  p.replace(/\.(?:md|mdx|markdown|html?)$/i, '').replace(/\/(?:index|readme)$/i, '');

/**
 * Resolves links between pages. Relative targets resolve against the linking page; absolute ones (`/config/root`)
 * against any folder, as sites are often served from a docs subfolder: the shortest page path ending with them wins.
 */
export function linkResolver(paths: string[]): (from: string, target: string) => number | undefined {
  const exact = new Map<string, number>();
  const bySuffix = new Map<string, number>();
  paths.forEach((p, i) => {
    const key = withoutExt(p).toLowerCase();
    exact.set(key, i);
    const parts = key.split('/');
    for (let k = 0; k < parts.length; k++) {
      const suffix = parts.slice(k).join('/');
      const known = bySuffix.get(suffix);
      if (known === undefined || paths[known].length > p.length) bySuffix.set(suffix, i);
    }
  });
  return (from, target) => {
    const clean = withoutExt(decodeURI(target).replace(/\/$/, '')).toLowerCase();
    if (target.startsWith('/')) return bySuffix.get(clean.replace(/^\/+/, ''));
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), clean)).toLowerCase();
    return exact.get(joined.replace(/^\.\//, ''));
  };
}
