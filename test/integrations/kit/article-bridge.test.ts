import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { articleMarkdown, editArticleHtml } from '../../../integrations/kit/article-bridge/splice.js';

const table =
  '<table style="width:100%"><thead><tr><th>Flag</th><th>Meaning</th></tr></thead>' +
  '<tbody><tr><td><code>--port</code></td><td>Port to listen on</td></tr></tbody></table>';

/** Help-center HTML as editors leave it: attributes, inline styles, callouts, embeds, odd whitespace. */
const article = [
  '<h2 id="setup" class="hc-heading">Setup</h2>\r\n',
  '<p style="margin:0 0 8px">Install the <strong>CLI</strong> with <a href="https://example.com/dl" target="_blank" rel="noopener">the installer</a>.</p>\n\n\n',
  '<div class="callout callout--warning" data-type="warning"><p>Back up <em>first</em>!</p></div>\n',
  '<!-- kept by the editor -->\n',
  `${table}\n`,
  '<ul><li>One<ul><li>Nested <b>deep</b></li></ul></li><li>Two</li></ul>\n',
  '<pre><code class="language-sh">docflow start --port 3000\n</code></pre>\n',
  '<iframe src="https://www.youtube.com/embed/abc" width="560" allowfullscreen></iframe>\n',
  '<p><img src="https://example.com/a.png" alt="Screen" width="300"></p>\n',
  'Loose text <em>here</em>.\n',
].join('');

describe('article bridge', () => {
  it('shows the article as Markdown: headings, links, GFM tables, nested lists, code, images; custom HTML as itself', () => {
    const md = articleMarkdown(article);
    expect(md).toContain('## Setup');
    expect(md).toContain('Install the **CLI** with [the installer](https://example.com/dl).');
    expect(md).toContain('| `--port` | Port to listen on |');
    expect(md).toMatch(/- One\n {2}- Nested \*\*deep\*\*\n- Two/);
    expect(md).toContain('```sh\ndocflow start --port 3000\n```');
    expect(md).toContain('![Screen](https://example.com/a.png)');
    expect(md).toContain(
      '<div class="callout callout--warning" data-type="warning"><p>Back up <em>first</em>!</p></div>',
    );
    expect(md).toContain('<iframe src="https://www.youtube.com/embed/abc" width="560" allowfullscreen></iframe>');
    expect(md).toContain('Loose text _here_.');
  });

  it('without edits, gives back every byte', () => {
    expect(editArticleHtml(article, [], 'a.md')).toBe(article);
  });

  it('changes only the edited block: every byte before and after it is the original', () => {
    const edited = editArticleHtml(
      article,
      [
        {
          before: '| `--port` | Port to listen on |',
          after: '| `--port` | Port to listen on |\n| `--timeout` | Request timeout |',
        },
      ],
      'a.md',
    );
    const start = article.indexOf(table);
    const end = start + table.length;
    expect(edited.slice(0, start)).toBe(article.slice(0, start));
    expect(edited.slice(edited.length - (article.length - end))).toBe(article.slice(end));
    const block = edited.slice(start, edited.length - (article.length - end));
    expect(block).toMatch(
      /^<table>[\s\S]*<td><code>--timeout<\/code><\/td>\s*<td>Request timeout<\/td>[\s\S]*<\/table>$/,
    );
  });

  it('re-renders two distant edited blocks and keeps everything between them', () => {
    const edited = editArticleHtml(
      article,
      [
        { before: '## Setup', after: '## Set up' },
        { before: 'Loose text _here_.', after: 'Loose text _there_.' },
      ],
      'a.md',
    );
    const firstEnd = article.indexOf('\r\n');
    const lastStart = article.indexOf('Loose text');
    expect(edited.startsWith('<h2>Set up</h2>\r\n')).toBe(true);
    expect(edited).toContain(article.slice(firstEnd, lastStart));
    expect(edited.endsWith('<p>Loose text <em>there</em>.</p>\n')).toBe(true);
  });

  it('keeps a callout an edit touches as HTML', () => {
    const edited = editArticleHtml(
      article,
      [{ before: 'Back up <em>first</em>!', after: 'Back up <em>everything</em> first!' }],
      'a.md',
    );
    expect(edited).toContain(
      '<div class="callout callout--warning" data-type="warning"><p>Back up <em>everything</em> first!</p></div>',
    );
  });

  it('refuses an edit whose text is missing or ambiguous with edit_conflict', () => {
    for (const before of ['not in the article', 'port']) {
      const error = (() => {
        try {
          editArticleHtml(article, [{ before, after: 'x' }], 'a.md');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('edit_conflict');
    }
  });
});
