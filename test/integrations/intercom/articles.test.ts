import { ApplicationFailure } from '@temporalio/common';
import { afterEach, describe, expect, it } from 'vitest';
import { withFailureTypes } from '../../../activities/failures.js';
import { AppError } from '../../../core/errors.js';
import type { PublishRequest } from '../../../integrations/contract.js';
import { articlePath } from '../../../integrations/kit/article-pages.js';
import { articleHtml, intercomSetup, type IntercomSetup } from './intercom-fixture.js';

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
const edited = articleHtml.replace('<p class="no-margin">old line</p>', '<p>new line</p>');

describe('intercom articles destination', () => {
  let s: IntercomSetup;
  afterEach(() => s?.close());
  const page = () => articlePath({ id: s.articleId, title: 'Getting started' });
  const article = (id: string) => s.fake.store.articles.get(id)!;

  it("reads every article of its collections as Markdown pages, following the list's pages", async () => {
    s = await intercomSetup();
    for (let i = 0; i < 120; i++) s.fake.store.add({ title: `Extra ${i}`, body: `<p>Extra ${i}</p>`, collection: 100 });
    s.fake.store.collections.set(101, 100);
    s.fake.store.add({ title: 'Nested', body: '<p>In a sub-collection</p>', collection: 101 });
    s.fake.store.add({ title: 'Elsewhere', body: '<p>Another collection</p>', collection: 300 });
    const docs = await s.destination.readDocs(s.d);
    expect(docs.pages).toHaveLength(123);
    expect(docs.pages.some((p) => p.path.includes('elsewhere'))).toBe(false);
    expect(docs.pages.find((p) => p.path === page())?.text).toContain(
      '## Getting started\n\nold line\n\n<div class="intercom-interblocks-callout"',
    );
    expect(await s.destination.readFile(s.d, page())).toContain('old line');
  });

  it('published mode updates the live article in place, stating state "published": only the edited block changes', async () => {
    s = await intercomSetup('published');
    const result = await s.destination.publish(
      s.d,
      request('run_pub1', 'sug_a', [edit(page(), 'old line', 'new line')]),
    );
    expect(article(s.articleId)).toMatchObject({ body: edited, state: 'published' });
    expect(result).toMatchObject({
      created: true,
      location: `https://app.intercom.com/a/apps/abc123xy/articles/articles/${s.articleId}/show`,
      url: `${s.fake.url}/help/en/articles/${s.articleId}`,
    });
    expect(result.note).toBeUndefined();
    expect(s.fake.store.writes).toEqual([
      { method: 'PUT', path: `/articles/${s.articleId}`, body: { body: edited, state: 'published' }, version: '2.14' },
    ]);
  });

  it('draft mode never unpublishes a live article: the change is a new draft article linked to it, and the run says so', async () => {
    s = await intercomSetup('draft');
    const first = await s.destination.publish(s.d, request('run_dr1', 'sug_a', [edit(page(), 'old line', 'new line')]));
    expect(article(s.articleId)).toMatchObject({ body: articleHtml, state: 'published' });
    const copies = [...s.fake.store.articles.values()].filter(
      (a) => a.id !== s.articleId && a.title === 'Getting started',
    );
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ state: 'draft', parent_id: 100, body: edited, author_id: 991267001 });
    expect(copies[0]!.description).toContain(`change to article ${s.articleId} `);
    expect(first.location).toBe(`https://app.intercom.com/a/apps/abc123xy/articles/articles/${copies[0]!.id}/show`);
    expect(first.url).toBeUndefined();
    expect(first.note).toContain(`article ${s.articleId} is published: the change was saved as a new draft article`);
    expect(s.fake.store.writes.filter((w) => w.path === `/articles/${s.articleId}`)).toEqual([]);

    // A newer suggestion of the run goes to the same copy, which stays a draft.
    await s.destination.publish(s.d, request('run_dr1', 'sug_b', [edit(page(), 'old line', 'newer line')]));
    expect(article(copies[0]!.id)).toMatchObject({
      state: 'draft',
      body: articleHtml.replace('<p class="no-margin">old line</p>', '<p>newer line</p>'),
    });
    expect(s.fake.store.writes.at(-1)).toMatchObject({ method: 'PUT', body: { state: 'draft' } });
    // The copy is not read as a page of the docs.
    expect((await s.destination.readDocs(s.d)).pages.map((p) => p.path)).toHaveLength(2);
  });

  it('draft mode updates a draft article in place and keeps it a draft', async () => {
    s = await intercomSetup('draft');
    const id = s.fake.store.add({ title: 'Upcoming', body: '<p>old line</p>', collection: 100, state: 'draft' });
    await s.destination.publish(
      s.d,
      request('run_dr2', 'sug_a', [edit(articlePath({ id, title: 'Upcoming' }), 'old line', 'new line')]),
    );
    expect(article(id)).toMatchObject({ body: '<p>new line</p>', state: 'draft' });
    expect(s.fake.store.writes).toEqual([
      { method: 'PUT', path: `/articles/${id}`, body: { body: '<p>new line</p>', state: 'draft' }, version: '2.14' },
    ]);
  });

  it('creates a new page as a draft article in the first collection, by the connected admin', async () => {
    s = await intercomSetup('published');
    await s.destination.publish(
      s.d,
      request('run_new1', 'sug_a', [edit('articles/timeouts.md', '', '# Timeouts\n\nSet `--timeout`.\n')]),
    );
    const created = [...s.fake.store.articles.values()].find((a) => a.title === 'Timeouts')!;
    expect(created).toMatchObject({
      state: 'draft',
      parent_id: 100,
      author_id: 991267001,
      body: '<p>Set <code>--timeout</code>.</p>',
    });
    expect(s.fake.store.writes).toEqual([
      {
        method: 'POST',
        path: '/articles',
        body: {
          title: 'Timeouts',
          body: '<p>Set <code>--timeout</code>.</p>',
          author_id: 991267001,
          state: 'draft',
          parent_id: 100,
          parent_type: 'collection',
        },
        version: '2.14',
      },
    ]);
  });

  it('an OAuth connection learns its workspace and admin from GET /me, once', async () => {
    s = await intercomSetup('published', {}, 'oauth');
    const first = await s.destination.publish(
      s.d,
      request('run_oa1', 'sug_a', [edit('articles/new.md', '', '# New\n\nText.\n')]),
    );
    await s.destination.publish(
      s.d,
      request('run_oa2', 'sug_a', [edit('articles/other.md', '', '# Other\n\nText.\n')]),
    );
    const created = [...s.fake.store.articles.values()].find((a) => a.title === 'New')!;
    expect(created.author_id).toBe(991267001);
    expect(first.location).toBe(`https://app.intercom.com/a/apps/abc123xy/articles/articles/${created.id}/show`);
    expect(s.fake.requests.filter((r) => r === 'GET /me')).toHaveLength(1);
  });

  it('ends edit_conflict when the article was edited in Intercom after the run saved it', async () => {
    s = await intercomSetup('published');
    await s.destination.publish(s.d, request('run_c1', 'sug_a', [edit(page(), 'old line', 'new line')]));
    Object.assign(article(s.articleId), {
      body: `${article(s.articleId).body}<p>An editor's line</p>`,
      updated_at: s.fake.store.tick(),
    });
    const error = await s.destination
      .publish(s.d, request('run_c1', 'sug_b', [edit(page(), 'old line', 'newer line')]))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('edit_conflict');
    expect(article(s.articleId).body).toContain("An editor's line");
    expect(s.fake.store.writes).toHaveLength(1);
  });

  it('refuses an edit to an article outside its collections with edit_conflict, writing nothing', async () => {
    s = await intercomSetup('published');
    const outside = s.fake.store.add({ title: 'Elsewhere', body: '<p>old line</p>', collection: 300 });
    const error = await s.destination
      .publish(
        s.d,
        request('run_o1', 'sug_a', [edit(articlePath({ id: outside, title: 'Elsewhere' }), 'old line', 'x')]),
      )
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('edit_conflict');
    expect(s.fake.store.writes).toEqual([]);
  });

  it("waits out Intercom's 429 until X-RateLimit-Reset", async () => {
    s = await intercomSetup();
    const reset = Math.floor(Date.now() / 1000) + 9;
    s.fake.limitNext({
      status: 429,
      headers: { 'x-ratelimit-limit': '10000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    const { call } = withFailureTypes({ call: () => s.destination.readDocs(s.d) });
    const failure = (await call().catch((e: unknown) => e)) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe('rate_limited');
    expect(Number(failure.nextRetryDelay)).toBeGreaterThan(5000);
    expect(Number(failure.nextRetryDelay)).toBeLessThanOrEqual(11_000);
  });

  it('a revoked token is a disconnected integration, not a retry', async () => {
    s = await intercomSetup();
    s.fake.limitNext({ status: 401, headers: {} });
    expect(codeOf(await s.destination.readDocs(s.d).catch((e: unknown) => e))).toBe('integration_disconnected');
  });

  it('deletes an article for good (DELETE /articles/{id}); one already gone is nothing to do', async () => {
    s = await intercomSetup();
    await s.articles.deleteArticle!(s.d, s.articleId);
    expect(s.fake.store.articles.has(s.articleId)).toBe(false);
    // Intercom answers 404 for an unknown id: the repeat after a crash succeeds without another delete.
    await s.articles.deleteArticle!(s.d, s.articleId);
    expect(s.fake.requests.filter((r) => r.startsWith('DELETE'))).toEqual([
      `DELETE /articles/${s.articleId}`,
      `DELETE /articles/${s.articleId}`,
    ]);
    expect(s.fake.store.writes.filter((w) => w.method === 'DELETE')).toHaveLength(1);
    const billing = [...s.fake.store.articles.keys()][0]!;
    s.fake.limitNext({ status: 401, headers: {} });
    expect(codeOf(await s.articles.deleteArticle!(s.d, billing).catch((e: unknown) => e))).toBe(
      'integration_disconnected',
    );
    expect(s.fake.store.articles.has(billing)).toBe(true);
  });
});

describe('intercom Messenger preview', () => {
  let s: IntercomSetup;
  afterEach(() => s?.close());
  const page = () => articlePath({ id: s.articleId, title: 'Getting started' });

  it('offers the live article a run saved, only when the operator set an app id', async () => {
    s = await intercomSetup('published', { DOCFLOW_INTERCOM_APP_ID: 'appxyz12' });
    expect(await s.destination.preview!(s.d, 'run_pv1')).toBeUndefined();
    await s.destination.publish(s.d, request('run_pv1', 'sug_a', [edit(page(), 'old line', 'new line')]));
    const preview = await s.destination.preview!(s.d, 'run_pv1');
    expect(preview).toMatchObject({
      label: 'Preview in Messenger',
      provider: 'intercom',
      module: 'messenger-preview',
      payload: { appId: 'appxyz12', region: 'us', articleId: Number(s.articleId) },
    });
    expect(preview!.csp['script-src']).toContain('https://widget.intercom.io');
  });

  it('offers nothing without the app id, nor for a draft copy readers cannot see', async () => {
    s = await intercomSetup('published');
    await s.destination.publish(s.d, request('run_pv2', 'sug_a', [edit(page(), 'old line', 'new line')]));
    // Without the setting there is no preview to ask for: the run page calls nothing.
    expect(s.destination.preview).toBeUndefined();
    await s.close();
    s = await intercomSetup('draft', { DOCFLOW_INTERCOM_APP_ID: 'appxyz12' });
    await s.destination.publish(s.d, request('run_pv3', 'sug_a', [edit(page(), 'old line', 'new line')]));
    expect(await s.destination.preview!(s.d, 'run_pv3')).toBeUndefined();
  });
});
