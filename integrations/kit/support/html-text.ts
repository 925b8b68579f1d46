import type { Element, Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

const blocks = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'blockquote',
  'tr',
  'table',
]);
const parser = unified().use(rehypeParse, { fragment: true });

/**
 * A support message's HTML body as the plain text people read: paragraphs and list items on lines of their own,
 * `<br>` as a line break, `<code>` as a `code span` (drafters and the grouping look for those), entities decoded,
 * nothing escaped (so redaction sees emails and URLs as they are).
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const walk = (node: Root | RootContent): void => {
    if (node.type === 'text') out.push(node.value);
    else if (node.type === 'element') {
      const el = node as Element;
      if (el.tagName === 'br') return void out.push('\n');
      if (el.tagName === 'script' || el.tagName === 'style') return;
      const block = blocks.has(el.tagName);
      if (el.tagName === 'li') out.push('\n- ');
      else if (block) out.push('\n');
      const code = el.tagName === 'code' && !(el.children.length === 1 && el.children[0]!.type !== 'text');
      if (code) out.push('`');
      for (const child of el.children) walk(child);
      if (code) out.push('`');
      if (block && el.tagName !== 'li') out.push('\n');
    } else if (node.type === 'root') for (const child of node.children) walk(child);
  };
  walk(parser.parse(html));
  return out
    .join('')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
