import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// Raw HTML in a block (a callout shown as itself) must survive an edit to its text.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeStringify, { allowDangerousHtml: true });

/** Markdown rendered to HTML (GFM: tables, strikethrough, task lists, autolinks). */
export function markdownToHtml(markdown: string): string {
  return String(processor.processSync(markdown)).trim();
}
