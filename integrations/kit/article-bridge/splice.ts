import { countOccurrences } from '../../../drafting/apply-edits.js';
import { AppError } from '../../../core/errors.js';
import { blockSeparator, blocksOf } from './segments.js';
import { markdownToHtml } from './to-html.js';

interface Piece {
  markdown: string;
  html: string;
}

/** An article as blocks (Markdown and their HTML) with the bytes between them, in order. */
class Spliced {
  private pieces: Piece[];
  /** gaps[i] comes before pieces[i]; the last one after the last piece. */
  private gaps: string[];

  constructor(html: string) {
    const blocks = blocksOf(html);
    this.pieces = blocks.map((b) => ({ markdown: b.markdown, html: html.slice(b.start, b.end) }));
    this.gaps = [];
    let at = 0;
    for (const b of blocks) {
      this.gaps.push(html.slice(at, b.start));
      at = b.end;
    }
    this.gaps.push(html.slice(at));
  }

  text(): string {
    return this.pieces.map((p) => p.markdown).join(blockSeparator) + (this.pieces.length > 0 ? '\n' : '');
  }

  html(): string {
    return this.pieces.map((p, i) => this.gaps[i] + p.html).join('') + this.gaps[this.pieces.length];
  }

  /** Replaces the one occurrence of `before`; only the blocks it touches are rendered again. */
  replace(before: string, after: string, page: string): void {
    const text = this.text();
    const count = countOccurrences(text, before);
    if (before === '' || count !== 1)
      throw new AppError('edit_conflict', `${page}: the edited text occurs ${count} times; it must occur exactly once`);
    const at = text.indexOf(before);
    const end = at + before.length;
    const starts: number[] = [];
    let offset = 0;
    for (const p of this.pieces) {
      starts.push(offset);
      offset += p.markdown.length + blockSeparator.length;
    }
    const endOf = (i: number) => starts[i]! + this.pieces[i]!.markdown.length;
    let first = 0;
    while (first + 1 < this.pieces.length && starts[first + 1]! <= at) first++;
    let last = first;
    while (last + 1 < this.pieces.length && endOf(last) < end && starts[last + 1]! < end + 1) last++;
    const regionEnd = Math.min(Math.max(endOf(last), end), text.length);
    const markdown = (text.slice(starts[first], at) + after + text.slice(end, regionEnd)).replace(/\n+$/, '');
    const piece = { markdown, html: markdown.trim() === '' ? '' : markdownToHtml(markdown) };
    this.pieces.splice(first, last - first + 1, piece);
    this.gaps.splice(first + 1, last - first);
  }
}

/** The page text (Markdown) drafters read for an article's HTML. */
export function articleMarkdown(html: string): string {
  return new Spliced(html).text();
}

/**
 * Applies exact edits (made on `articleMarkdown(html)`) to the article's HTML: the blocks an edit
 * touches are rendered again from Markdown and spliced in; every other byte stays as it was.
 * An edit that does not apply exactly once is an `edit_conflict`.
 */
export function editArticleHtml(html: string, edits: { before: string; after: string }[], page: string): string {
  const spliced = new Spliced(html);
  for (const edit of edits) spliced.replace(edit.before, edit.after, page);
  return spliced.html();
}
