import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { PublishRequest } from '../../../integrations/contract.js';
import { articlePath } from '../../../integrations/kit/article-pages.js';
import { webflow } from '../../../integrations/webflow/index.js';
import { startFakeWebflow, type FakeWebflow } from '../../support/fake-webflow/server.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { itemHtml, secrets, webflowSetup, webflowToken, type WebflowSetup } from './webflow-fixture.js';

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
const edited = itemHtml.replace('<p>old line</p>', '<p>new line</p>');

describe('webflow cms destination', () => {
  let s: WebflowSetup;
  afterEach(() => s?.close());
  const page = () => articlePath({ id: s.itemId, title: 'Getting started' });
  const item = (id = s.itemId) => s.fake.store.items.get(id)!;
  const designer = (id: string) =>
    `https://webflow.com/design/acme-docs?workflow=cms&collectionId=${s.collectionId}&itemId=${id}`;

  it('reads every item but archived ones as Markdown pages, following offset pagination', async () => {
    s = await webflowSetup();
    for (let i = 0; i < 120; i++)
      s.fake.store.addItem(s.collectionId, { name: `Extra ${i}`, slug: `extra-${i}`, body: `<p>Extra ${i}</p>` });
    s.fake.store.addItem(s.collectionId, { name: 'Old', slug: 'old', body: '<p>gone</p>', archived: true });
    const docs = await s.destination.readDocs(s.d);
    expect(docs.pages).toHaveLength(122);
    expect(docs.pages.some((p) => p.text.includes('gone'))).toBe(false);
    const text = docs.pages.find((p) => p.path === page())?.text;
    expect(text).toContain('## Getting started\n\nold line\n\n<figure');
    expect(text).toContain('Keep **this** and that as _they_ are.');
    expect(await s.destination.readFile(s.d, page())).toBe(text);
  });

  it('staged mode PATCHes only the body field with only the edited block changed; the live item stays live', async () => {
    s = await webflowSetup('staged');
    const result = await s.destination.publish(
      s.d,
      request('run_staged1', 'sug_a', [edit(page(), 'old line', 'new line')]),
    );
    expect(s.fake.store.writes).toEqual([
      {
        method: 'PATCH',
        path: `/collections/${s.collectionId}/items/${s.itemId}`,
        body: { fieldData: { 'post-body': edited } },
      },
    ]);
    expect(item()).toMatchObject({ isDraft: false, fieldData: { 'post-body': edited } });
    // Readers still see the published text until the site (or the item) is published.
    expect(item().live?.['post-body']).toBe(itemHtml);
    expect(result).toEqual({ location: designer(s.itemId), created: true });
  });

  it('live mode publishes the live item after the staged PATCH and links to its public page', async () => {
    s = await webflowSetup('live');
    const result = await s.destination.publish(
      s.d,
      request('run_live1', 'sug_a', [edit(page(), 'old line', 'new line')]),
    );
    expect(s.fake.store.writes.map((w) => [w.method, w.path, w.body])).toEqual([
      ['PATCH', `/collections/${s.collectionId}/items/${s.itemId}`, { fieldData: { 'post-body': edited } }],
      ['POST', `/collections/${s.collectionId}/items/publish`, { itemIds: [s.itemId] }],
    ]);
    expect(item().live?.['post-body']).toBe(edited);
    expect(result).toEqual({
      location: designer(s.itemId),
      url: 'https://help.acme.test/help/getting-started',
      created: true,
    });
  });

  it('live mode never publishes a draft item: its change stays staged', async () => {
    s = await webflowSetup('live');
    const draft = s.fake.store.addItem(s.collectionId, {
      name: 'Upcoming',
      slug: 'upcoming',
      body: '<p>soon</p>',
      live: false,
    });
    const path = articlePath({ id: draft, title: 'Upcoming' });
    const result = await s.destination.publish(s.d, request('run_live2', 'sug_a', [edit(path, 'soon', 'later')]));
    expect(s.fake.store.writes.map((w) => w.method)).toEqual(['PATCH']);
    expect(item(draft)).toMatchObject({
      isDraft: true,
      lastPublished: null,
      fieldData: { 'post-body': '<p>later</p>' },
    });
    expect(result.url).toBeUndefined();
  });

  it('creates a new page as a draft item with a free slug, even in live mode', async () => {
    s = await webflowSetup('live');
    s.fake.store.addItem(s.collectionId, { name: 'Timeouts (old)', slug: 'timeouts', body: '<p>x</p>' });
    const result = await s.destination.publish(
      s.d,
      request('run_new1', 'sug_a', [edit('articles/timeouts.md', '', '# Timeouts\n\nSet `--timeout`.\n')]),
    );
    const created = [...s.fake.store.items.values()].find((i) => i.fieldData.name === 'Timeouts')!;
    expect(created).toMatchObject({
      isDraft: true,
      lastPublished: null,
      fieldData: { name: 'Timeouts', slug: 'timeouts-2', 'post-body': '<p>Set <code>--timeout</code>.</p>' },
    });
    expect(s.fake.store.writes.filter((w) => w.path.endsWith('/publish'))).toEqual([]);
    expect(result).toEqual({ location: designer(created.id), created: true });
  });

  it("ends edit_conflict when the item was edited in the CMS after the run saved it, keeping the editor's text", async () => {
    s = await webflowSetup('staged');
    await s.destination.publish(s.d, request('run_c1', 'sug_a', [edit(page(), 'old line', 'new line')]));
    s.fake.store.edit(s.itemId, { 'post-body': `${String(item().fieldData['post-body'])}<p>An editor's line</p>` });
    const error = await s.destination
      .publish(s.d, request('run_c1', 'sug_b', [edit(page(), 'old line', 'newer line')]))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('edit_conflict');
    expect(item().fieldData['post-body']).toContain("An editor's line");
    expect(s.fake.store.writes.filter((w) => w.method === 'PATCH')).toHaveLength(1);
  });

  it('says integration_disconnected when Webflow refuses the token', async () => {
    s = await webflowSetup();
    await s.db
      .updateTable('integrations')
      .set({ sealed_secrets: secrets.seal(JSON.stringify({ token: 'revoked-token-0123456789' })) })
      .execute();
    expect(codeOf(await s.destination.readDocs(s.d).catch((e: unknown) => e))).toBe('integration_disconnected');
  });

  it('deletes an item (DELETE /collections/:id/items/:id); one already gone is nothing to do', async () => {
    s = await webflowSetup();
    await s.articles.deleteArticle!(s.d, s.itemId);
    expect(s.fake.store.items.has(s.itemId)).toBe(false);
    // Webflow answers 404 for an unknown item: the repeat after a crash succeeds and deletes nothing more.
    await s.articles.deleteArticle!(s.d, s.itemId);
    expect(s.fake.store.writes.filter((w) => w.method === 'DELETE')).toEqual([
      { method: 'DELETE', path: `/collections/${s.d.collectionId}/items/${s.itemId}`, body: undefined },
    ]);
    const other = [...s.fake.store.items.keys()][0]!;
    s.fake.limitNext({ status: 401, headers: {} });
    expect(codeOf(await s.articles.deleteArticle!(s.d, other).catch((e: unknown) => e))).toBe(
      'integration_disconnected',
    );
    expect(s.fake.store.items.has(other)).toBe(true);
  });
});

describe('webflow connection', () => {
  let fake: FakeWebflow;
  afterEach(() => fake?.close());
  const connection = (allowPrivateUrls = true) =>
    webflow.create({
      db: undefined as never,
      secrets,
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls,
      ...providerDefaults,
    }).connection!;
  const refusal = (e: unknown) => (e instanceof AppError ? { code: e.code, details: e.details } : e);

  it('checks the site token and names the sites it reaches', async () => {
    fake = await startFakeWebflow(webflowToken);
    const siteId = fake.store.addSite('acme-docs', 'Acme Docs');
    const prepared = await connection().prepare({
      provider: 'webflow',
      baseUrl: fake.url,
      auth: { type: 'token', token: webflowToken },
    });
    expect(prepared).toEqual({
      baseUrl: fake.url,
      settings: { auth: 'token', identity: { sites: `Acme Docs (${siteId})`, scope: 'cms:read cms:write sites:read' } },
      secrets: { token: webflowToken },
    });
  });

  it('refuses a wrong token, a token without CMS write, and another host than Webflow in production', async () => {
    fake = await startFakeWebflow(webflowToken);
    fake.store.addSite('acme-docs', 'Acme Docs');
    const body = {
      provider: 'webflow',
      baseUrl: fake.url,
      auth: { type: 'token', token: 'wrong-token-0123456789abc' },
    };
    expect(
      refusal(
        await connection()
          .prepare(body)
          .catch((e: unknown) => e),
      ),
    ).toEqual({
      code: 'invalid_request',
      details: [{ path: 'auth.token', message: 'answered 401' }],
    });
    fake.store.scope = 'cms:read sites:read';
    const readOnly = await connection()
      .prepare({ ...body, auth: { type: 'token', token: webflowToken } })
      .catch((e: unknown) => e);
    expect(refusal(readOnly)).toEqual({
      code: 'invalid_request',
      details: [{ path: 'auth.token', message: expect.stringContaining('has cms:read, sites:read') }],
    });
    const elsewhere = await connection(false)
      .prepare({ ...body, baseUrl: 'https://example.com/v2' })
      .catch((e: unknown) => e);
    expect(refusal(elsewhere)).toMatchObject({ code: 'invalid_request', details: [{ path: 'baseUrl' }] });
    expect(fake.store.writes).toEqual([]);
  });
});
