import { describe, expect, it } from 'vitest';
import { diffLines } from '../../web/diff.js';
import { html } from '../../web/html.js';
import { renderInlineMarkdown, renderMarkdown } from '../../web/markdown.js';
import { parseCookies } from '../../web/session.js';
import { publishedView, suggestedReviewersView } from '../../web/pages/run.js';

describe('the review app renders untrusted text safely', () => {
  it('escapes raw HTML and drops script links in Markdown previews', () => {
    const out = renderMarkdown(
      '# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    );
    expect(out).toContain('<h1>Title</h1>');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('href="javascript:');
    expect(renderInlineMarkdown('a `code` <b>x</b>')).toBe('a <code>code</code> &lt;b&gt;x&lt;/b&gt;');
  });

  it('escapes interpolated values in page templates', () => {
    expect(html`<p title="${'"><x>'}">${'<script>'}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;x&gt;">&lt;script&gt;</p>',
    );
  });

  it('diffs lines', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(diffLines('', 'new page\n')).toEqual([{ kind: 'added', text: 'new page' }]);
  });

  it('parses cookies, first value wins, malformed values ignored', () => {
    expect(parseCookies('a=1; b=x%20y; a=2; c=%E0%A4%A')).toEqual({ a: '1', b: 'x y' });
  });

  it("lists a run's suggested reviewers with why each is suggested", () => {
    const out = suggestedReviewersView([
      { name: 'octo<cat>', kind: 'user', reasons: ['author', 'codeowners'] },
      { name: 'acme/docs', kind: 'team', reasons: ['project'] },
    ]).value;
    expect(out).toContain('<strong>octo&lt;cat&gt;</strong>');
    expect(out).toContain('(author of the change, CODEOWNERS)');
    expect(out).toMatch(/team <strong>acme\/docs<\/strong>\s*<span class="muted">\(project reviewer\)/);
    expect(suggestedReviewersView([]).value).toBe('none');
    expect(suggestedReviewersView(undefined).value).toContain('once a draft is written');
  });

  it("links a published run's location and, for a live article, its public page", () => {
    const out = publishedView({
      location: 'https://acme.zendesk.com/knowledge/articles/1/en-us',
      url: 'https://acme.zendesk.com/hc/en-us/articles/1',
    }).value;
    expect(out).toContain(
      '<a href="https://acme.zendesk.com/knowledge/articles/1/en-us"><code>https://acme.zendesk.com/knowledge/articles/1/en-us</code></a>',
    );
    expect(out).toMatch(/Public page<\/dt>\s*<dd><a href="https:\/\/acme.zendesk.com\/hc\/en-us\/articles\/1">/);
    // A branch is not a web page: shown, not linked; no public page without one.
    const branch = publishedView({ location: 'docflow/run_1' }).value;
    expect(branch).toContain('<code>docflow/run_1</code>');
    expect(branch).not.toContain('<a ');
    expect(branch).not.toContain('Public page');
    expect(publishedView({ location: 'javascript:alert(1)' }).value).not.toContain('href');
    expect(publishedView(undefined).value).toBe('');
  });
});
