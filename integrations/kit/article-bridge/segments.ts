import type { Element, ElementContent, Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

/**
 * An article's HTML cut into blocks: each block is a byte range of the original HTML and the
 * Markdown the drafters see for it. What lies between blocks (whitespace, comments) is a gap,
 * kept as it is.
 */
export interface Block {
  start: number;
  end: number;
  markdown: string;
}

/** Block elements Markdown can say without losing anything that matters to a reader. */
const markdownBlocks = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'pre',
  'blockquote',
  'table',
  'hr',
]);
/** Elements a paragraph is made of when they sit directly in the article body. */
const inline = new Set([
  'a',
  'abbr',
  'b',
  'br',
  'code',
  'em',
  'i',
  'img',
  'kbd',
  'mark',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'u',
]);

const toMarkdown = unified()
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', fences: true, rule: '-', emphasis: '_' });

function markdownOf(nodes: ElementContent[]): string {
  const root: Root = { type: 'root', children: nodes };
  const tree = toMarkdown.runSync(root as never);
  return String(toMarkdown.stringify(tree as never)).trim();
}

const offsets = (node: RootContent): [number, number] | undefined => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  if (node.type !== 'text') return [start, end];
  // Loose text keeps the whitespace around it in the gaps, as between elements.
  const lead = node.value.length - node.value.trimStart().length;
  const trail = node.value.length - node.value.trimEnd().length;
  return [start + lead, Math.max(start + lead, end - trail)];
};

const isInline = (node: RootContent): boolean =>
  (node.type === 'text' && node.value.trim() !== '') || (node.type === 'element' && inline.has(node.tagName));

/** Cuts the HTML into blocks; the same HTML always gives the same blocks. */
export function blocksOf(html: string): Block[] {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  const blocks: Block[] = [];
  let run: ElementContent[] = [];
  let runRange: [number, number] | undefined;
  const flush = () => {
    if (runRange && run.length > 0) blocks.push({ start: runRange[0], end: runRange[1], markdown: markdownOf(run) });
    run = [];
    runRange = undefined;
  };
  for (const node of tree.children) {
    const range = offsets(node);
    if (!range) continue;
    if (isInline(node)) {
      run.push(node as ElementContent);
      runRange = runRange ? [runRange[0], range[1]] : range;
      continue;
    }
    if (node.type === 'text' && runRange && node.value.trim() === '') continue;
    flush();
    if (node.type !== 'element') continue;
    const markdown = markdownBlocks.has(node.tagName) ? markdownOf([node as Element]) : '';
    // Custom HTML (callouts, embeds, figures) is shown as itself, so an untouched one stays byte-identical.
    blocks.push({ start: range[0], end: range[1], markdown: markdown || html.slice(range[0], range[1]) });
  }
  flush();
  return blocks;
}

/** The separator between blocks in the page text. */
export const blockSeparator = '\n\n';

/** The page text of an article: its blocks' Markdown, a blank line apart. */
export function pageText(blocks: Block[]): string {
  return blocks.map((b) => b.markdown).join(blockSeparator) + (blocks.length > 0 ? '\n' : '');
}
