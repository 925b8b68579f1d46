import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findArticlePublication } from '../../db/repositories/article-publications.js';
import { createDrafter } from '../../drafting/create-drafter.js';
import type { Drafter } from '../../drafting/drafter.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeWebflow, type FakeWebflow } from '../support/fake-webflow/server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const token = 'wf-e2e-site-token-0123456789';
const list =
  '<ul role="list">\n  <li><code>--port &lt;number&gt;</code>: Port to listen on. Default: <code>3000</code>.</li>\n' +
  '  <li><code>--host &lt;name&gt;</code>: Interface to bind. Default: <code>localhost</code>.</li>\n</ul>';
const before = '<h2 id="cli" style="margin-top:0">Command line</h2>\n<p>Options:</p>\n';
const after =
  '\n<figure style="max-width:800pxpx" class="w-richtext-align-center w-richtext-figure-type-image">' +
  '<div><img src="https://cdn.prod.website-files.com/1/cli.png" loading="lazy" alt=""></div></figure>\n' +
  '<div class="w-embed"><div class="callout"><p>Run <code>app --help</code> for all flags.</p></div></div>\n';

/** The offline drafter; when `gap` is set, the next draft is that new page instead (a gap no item covers). */
let gap: string | undefined;
const offline = createDrafter({ provider: 'offline' });
const drafter: Drafter = {
  name: 'offline',
  async draft(input) {
    const page = gap;
    gap = undefined;
    if (!page) return offline.draft(input);
    return {
      edits: [
        { path: 'articles/timeouts.md', before: '', after: page, rationale: 'No page covers it.', citations: [] },
      ],
      summary: 'Documents request timeouts on a new page.',
      impacted: [],
      drafter: 'offline',
    };
  },
};

let harness: Harness;
let api: TestApi;
let fake: FakeWebflow;
let integrationId: string;
let siteId: string;

beforeAll(async () => {
  harness = await createHarness({ drafter });
  await harness.startWorker();
  api = await startTestApi(harness);
  fake = await startFakeWebflow(token);
  siteId = fake.store.addSite('acme-docs', 'Acme Docs', 'help.acme.test');
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'webflow',
    baseUrl: fake.url,
    auth: { type: 'token', token },
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  expect(integration.body.identity).toEqual({ sites: `Acme Docs (${siteId})`, scope: 'cms:read cms:write sites:read' });
  integrationId = integration.body.id;
});
afterAll(async () => {
  await fake?.close();
  await api?.close();
  await harness?.close();
});

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed' && status !== 'failed')
      throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

/** A collection of its own with the command-line item, a project on it, and a run awaiting review. */
async function awaitingRun(mode: 'staged' | 'live', slug: string) {
  const collectionId = fake.store.addCollection(siteId, slug);
  const itemId = fake.store.addItem(collectionId, {
    name: 'Command line',
    slug: 'command-line',
    body: before + list + after,
  });
  const fixture = flagChangeFixture();
  const destination = {
    type: 'webflow-cms',
    integrationId,
    siteId,
    collectionId,
    fields: { title: 'name', body: 'post-body', slug: 'slug' },
    mode,
  };
  const project = await api.call('POST', '/v1/projects', {
    name: `webflow ${slug}`,
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [destination],
    review: { required: true, expireAfter: '14d' },
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const run = await runInStatus(started.body.id as string, 'awaiting_review');
  return { run, collectionId, itemId, writes: fake.store.writes.length };
}

const designer = (collectionId: string, itemId: string) =>
  `https://webflow.com/design/acme-docs?workflow=cms&collectionId=${collectionId}&itemId=${itemId}`;

/** The item's body is the original but for the option list, which now documents --timeout. */
function expectOnlyTheListChanged(html: string): void {
  expect(html.startsWith(before)).toBe(true);
  expect(html.endsWith(after)).toBe(true);
  const block = html.slice(before.length, html.length - after.length);
  expect(block).not.toBe(list);
  expect(block).toMatch(/^<ul>[\s\S]*--port[\s\S]*<code>--timeout &#x3C;ms><\/code>[\s\S]*--host[\s\S]*<\/ul>$/);
}

describe('Webflow CMS through the HTTP API', () => {
  it('refuses a destination whose body field is not rich text, naming the field', async () => {
    const collectionId = fake.store.addCollection(siteId, 'refused');
    const fixture = flagChangeFixture();
    const bad = await api.call('POST', '/v1/projects', {
      name: 'bad',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [
        {
          type: 'webflow-cms',
          integrationId,
          siteId,
          collectionId,
          fields: { title: 'name', body: 'summary', slug: 'slug' },
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details, JSON.stringify(bad.body)).toEqual([
      expect.objectContaining({ path: 'destinations.0.fields.body' }),
    ]);
    expect(fake.store.writes).toEqual([]);
  });

  it('staged: local-git change → suggestion on the item → approve → exactly one PATCH of exactly the edited block', async () => {
    const { run, collectionId, itemId, writes } = await awaitingRun('staged', 'staged');
    expect(run.suggestion.edits).toEqual([
      expect.objectContaining({
        path: `articles/${itemId}-command-line.md`,
        after: expect.stringContaining('--timeout'),
      }),
    ]);
    expect(fake.store.writes).toHaveLength(writes);

    expect((await api.call('POST', `/v1/runs/${run.id}/approve`)).status).toBe(200);
    const published = await runInStatus(run.id, 'published');
    expect(published.result.location).toBe(designer(collectionId, itemId));
    expect((await findArticlePublication(harness.db, run.id))?.result).toEqual({
      location: designer(collectionId, itemId),
    });

    const item = fake.store.items.get(itemId)!;
    expect(fake.store.writes.slice(writes)).toEqual([
      {
        method: 'PATCH',
        path: `/collections/${collectionId}/items/${itemId}`,
        body: { fieldData: { 'post-body': item.fieldData['post-body'] } },
      },
    ]);
    expectOnlyTheListChanged(String(item.fieldData['post-body']));
    // Still live, and readers see the old text until the site is published.
    expect(item.isDraft).toBe(false);
    expect(item.live?.['post-body']).toBe(before + list + after);
  });

  it('live: the edited item is published after its PATCH and the run links to the public page', async () => {
    const { run, collectionId, itemId, writes } = await awaitingRun('live', 'live');
    expect((await api.call('POST', `/v1/runs/${run.id}/approve`)).status).toBe(200);
    const published = await runInStatus(run.id, 'published');
    expect(published.result.location).toBe(designer(collectionId, itemId));
    // The run's record keeps the location only; the public URL is in the publication (and told to the source).
    expect((await findArticlePublication(harness.db, run.id))?.result).toEqual({
      location: designer(collectionId, itemId),
      url: 'https://help.acme.test/live/command-line',
    });
    expect(fake.store.writes.slice(writes).map((w) => [w.method, w.path])).toEqual([
      ['PATCH', `/collections/${collectionId}/items/${itemId}`],
      ['POST', `/collections/${collectionId}/items/publish`],
    ]);
    expectOnlyTheListChanged(String(fake.store.items.get(itemId)!.live?.['post-body']));
  });

  it('an editor changed the block after the run read it: approve ends edit_conflict and nothing is written', async () => {
    const { run, itemId, writes } = await awaitingRun('staged', 'conflict');
    const edited = (before + list + after).replace('Port to listen on.', 'TCP port to listen on.');
    fake.store.edit(itemId, { 'post-body': edited });
    expect((await api.call('POST', `/v1/runs/${run.id}/approve`)).status).toBe(200);
    const failed = await runInStatus(run.id, 'failed');
    expect(failed.reason).toBe('edit_conflict');
    expect(fake.store.writes).toHaveLength(writes);
    expect(fake.store.items.get(itemId)!.fieldData['post-body']).toBe(edited);
  });

  it('a new page becomes a new draft item, never published, even in live mode', async () => {
    const collectionId = fake.store.addCollection(siteId, 'new-pages');
    fake.store.addItem(collectionId, { name: 'Introduction', slug: 'intro', body: '<p>This app serves things.</p>' });
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', {
      name: 'webflow new pages',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [
        {
          type: 'webflow-cms',
          integrationId,
          siteId,
          collectionId,
          fields: { title: 'name', body: 'post-body', slug: 'slug' },
          mode: 'live',
        },
      ],
      review: { required: true, expireAfter: '14d' },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    gap = '# Request timeouts\n\nSet `--timeout <ms>`; the default is `5000`.\n';
    const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    });
    const run = await runInStatus(started.body.id as string, 'awaiting_review');
    const writes = fake.store.writes.length;
    expect((await api.call('POST', `/v1/runs/${run.id}/approve`)).status).toBe(200);
    const published = await runInStatus(run.id, 'published');
    const created = [...fake.store.items.values()].find((i) => i.fieldData.name === 'Request timeouts')!;
    expect(created).toMatchObject({
      collectionId,
      isDraft: true,
      lastPublished: null,
      fieldData: { slug: 'request-timeouts', 'post-body': expect.stringContaining('<code>--timeout &#x3C;ms></code>') },
    });
    expect(fake.store.writes.slice(writes).map((w) => [w.method, w.path])).toEqual([
      ['POST', `/collections/${collectionId}/items`],
    ]);
    expect(published.result.location).toBe(designer(collectionId, created.id));
    expect((await findArticlePublication(harness.db, run.id))?.result?.url).toBeUndefined();
  });
});
