import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { PublishRequest } from '../../../integrations/contract.js';
import { articlePath } from '../../../integrations/kit/article-pages.js';
import { articleHtml, helpCenterSetup, type HelpCenterSetup } from './help-center-fixture.js';

const request = (runId: string, suggestionId: string, edits: PublishRequest['edits']): PublishRequest => ({
  runId,
  suggestionId,
  title: 'docs',
  body: '',
  edits,
  timestamp: 1_700_000_000_000,
  sourceLabel: 'test',
  sourceMerged: true,
});
const edit = (path: string, before: string, after: string) => ({ path, before, after, rationale: 'r', citations: [] });
const codeOf = (e: unknown) => (e instanceof AppError ? e.code : e);

describe('zendesk help center destination', () => {
  let s: HelpCenterSetup;
  afterEach(() => s?.close());
  const page = () => articlePath({ id: String(s.articleId), title: 'Getting started' });
  const body = (id: number) => s.fake.store.articles.get(id)!.translations['en-us']!;

  it('reads every article of its sections as Markdown pages, following the cursor', async () => {
    s = await helpCenterSetup();
    for (let i = 0; i < 120; i++) s.fake.store.add({ section: 100, title: `Extra ${i}`, body: `<p>Extra ${i}</p>` });
    const docs = await s.destination.readDocs(s.d);
    expect(docs.pages).toHaveLength(122);
    expect(docs.pages.find((p) => p.path === page())?.text).toContain(
      '## Getting started\n\nold line\n\n<div class="callout',
    );
    expect(await s.destination.readFile(s.d, page())).toContain('old line');
  });

  it('live mode updates the live article in place through its translation: only the edited block changes', async () => {
    s = await helpCenterSetup('live');
    const result = await s.destination.publish(
      s.d,
      request('run_live1', 'sug_a', [edit(page(), 'old line', 'new line')]),
    );
    expect(body(s.articleId).body).toBe(articleHtml.replace('<p>old line</p>', '<p>new line</p>'));
    expect(body(s.articleId).draft).toBe(false);
    expect(result.url).toBe(`${s.fake.url}/hc/en-us/articles/${s.articleId}`);
    expect(result.location).toBe(`${s.fake.url}/knowledge/articles/${s.articleId}/en-us`);
    expect(s.fake.store.writes).toEqual([
      {
        method: 'PUT',
        path: `/api/v2/help_center/articles/${s.articleId}/translations/en-us`,
        body: { translation: { body: body(s.articleId).body } },
      },
    ]);
  });

  it('draft mode never unpublishes a live article: the change goes to a draft copy in its section', async () => {
    s = await helpCenterSetup('draft');
    const result = await s.destination.publish(
      s.d,
      request('run_draft1', 'sug_a', [edit(page(), 'old line', 'new line')]),
    );
    expect(body(s.articleId)).toMatchObject({ body: articleHtml, draft: false });
    const copy = [...s.fake.store.articles.values()].find((a) =>
      a.label_names.includes(`docflow-draft-of-${s.articleId}`),
    )!;
    expect(copy.translations['en-us']).toMatchObject({ draft: true, title: 'Getting started' });
    expect(copy.translations['en-us']!.body).toBe(articleHtml.replace('<p>old line</p>', '<p>new line</p>'));
    expect(result.url).toBeUndefined();
    expect(s.fake.store.writes.some((w) => JSON.stringify(w.body).includes('"draft":true') && w.method === 'PUT')).toBe(
      false,
    );
  });

  it('creates a new page as a draft article in the configured section', async () => {
    s = await helpCenterSetup('live');
    await s.destination.publish(
      s.d,
      request('run_new1', 'sug_a', [edit('articles/timeouts.md', '', '# Timeouts\n\nSet `--timeout`.\n')]),
    );
    const created = [...s.fake.store.articles.values()].find((a) => a.translations['en-us']!.title === 'Timeouts')!;
    expect(created).toMatchObject({ section_id: 100, permission_group_id: 7001, user_segment_id: null });
    expect(created.translations['en-us']).toMatchObject({ draft: true, body: '<p>Set <code>--timeout</code>.</p>' });
  });

  it('ends edit_conflict when the article was edited in the help center after the run saved it', async () => {
    s = await helpCenterSetup('live');
    await s.destination.publish(s.d, request('run_c1', 'sug_a', [edit(page(), 'old line', 'new line')]));
    Object.assign(body(s.articleId), {
      body: `${body(s.articleId).body}<p>An editor's line</p>`,
      updated_at: s.fake.store.tick(),
    });
    const error = await s.destination
      .publish(s.d, request('run_c1', 'sug_b', [edit(page(), 'old line', 'newer line')]))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('edit_conflict');
    expect(body(s.articleId).body).toContain("An editor's line");
  });

  it('refuses an edit to an article outside its sections with edit_conflict', async () => {
    s = await helpCenterSetup('live');
    const outside = s.fake.store.add({ section: 300, title: 'Elsewhere', body: '<p>old line</p>' });
    const path = articlePath({ id: String(outside), title: 'Elsewhere' });
    const error = await s.destination
      .publish(s.d, request('run_o1', 'sug_a', [edit(path, 'old line', 'x')]))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('edit_conflict');
    expect(s.fake.store.writes).toEqual([]);
  });
});
