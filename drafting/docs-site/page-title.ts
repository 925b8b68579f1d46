import path from 'node:path';
import { frontmatterOf } from './frontmatter.js';

/** How navigation names a new page: its frontmatter title or label, its first heading, or its file name. */
export function pageTitle(file: string, text: string): string {
  const front = frontmatterOf(text);
  for (const key of ['sidebar_label', 'title', 'nav_title']) {
    const value = front?.data?.[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(text.slice(front?.bodyStart ?? 0));
  if (heading) return heading[1]!.replace(/\s*\{#[^}]*\}$/, '');
  const rst = /^(\S.*)\n[=#*-]{3,}\s*$/m.exec(text);
  if (rst) return rst[1]!.trim();
  const name = path.posix
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}
