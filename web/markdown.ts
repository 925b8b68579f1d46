import MarkdownIt from 'markdown-it';

// Raw HTML in the Markdown is escaped (html: false) and link targets are checked by markdown-it's
// validateLink (no javascript:, vbscript:, file: or non-image data: URLs): the preview is safe to inline.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

export const renderMarkdown = (text: string): string => md.render(text);

/** One paragraph's worth of inline Markdown (code spans, emphasis, links), without the wrapping <p>. */
export const renderInlineMarkdown = (text: string): string => md.renderInline(text);
