import { fenceMask } from '../offline/markdown-lines.js';
import { frontmatterOf } from './frontmatter.js';

/** The heading slug most Markdown renderers use: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(heading: string): string {
  return heading
    .replace(/<[^>]+>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_~]/g, (c) => (c === '_' ? c : ''))
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const EXPLICIT_ID = /\s*\{#([\w:.-]+)[^}]*\}\s*$/;
const HTML_ID = /<(?:a|span|div|h[1-6])\s[^>]*?(?:id|name)=["']([^"']+)["']/g;

/**
 * The anchors a page offers: heading slugs (numbered when repeated) in the common form (Docusaurus) and in
 * the collapsed form of MkDocs and VitePress, `{#id}` and HTML ids.
 */
export function anchorsOf(text: string): Set<string> {
  const body = text.slice(frontmatterOf(text)?.bodyStart ?? 0);
  const lines = body.split('\n');
  const fenced = fenceMask(lines);
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    if (fenced[i]) return;
    for (const m of line.matchAll(HTML_ID)) anchors.add(m[1]!);
    const heading = HEADING.exec(line);
    if (!heading) return;
    const explicit = EXPLICIT_ID.exec(heading[2]!);
    if (explicit) {
      anchors.add(explicit[1]!);
      return;
    }
    const slug = slugOf(heading[2]!);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n ? `${slug}-${n}` : slug);
    // MkDocs and VitePress collapse runs of hyphens (`the---port` → `the-port`) and number repeats `_1` or `-1`.
    const collapsed = slug.replace(/-+/g, '-').replace(/^-|-$/g, '');
    if (n) for (const form of [`${collapsed}-${n}`, `${collapsed}_${n}`]) anchors.add(form);
    else anchors.add(collapsed);
  });
  return anchors;
}
