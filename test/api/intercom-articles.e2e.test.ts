import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../drafting/create-drafter.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeIntercom, type FakeIntercom } from '../support/fake-intercom/server.js';
import { startFakeOpenAI } from '../support/fake-llm/openai.js';
import type { ScriptedServer } from '../support/fake-llm/scripted-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const token = 'dG9rOmludGVyY29tLWUyZS10b2tlbi0wMTIzNDU2Nzg5';
// Intercom's editor output: classes, ids and inline styles on blocks, a callout and an embed.
const before = '<h2 id="h_9f1c" style="margin-top:0">Command line</h2>\n<p class="no-margin">Options:</p>\n';
const portBlock = '<p class="no-margin">The <code>--port</code> option sets the port to listen on.</p>';
const after =
  '\n<div class="intercom-interblocks-callout" style="background-color: #e8e8e880;"><p class="no-margin">Run <code>app --help</code> for all flags.</p></div>\n' +
  '<div class="intercom-container"><iframe src="https://player.vimeo.com/video/1" width="640" allowfullscreen=""></iframe></div>\n';
const portText = 'The `--port` option sets the port to listen on.';
const timeoutText = 'The `--timeout` option sets the request timeout in milliseconds.';

let llm: ScriptedServer;
let harness: Harness;
let api: TestApi;
let fake: FakeIntercom;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  harness = await createHarness({
    drafter: createDrafter({
      provider: 'openai',
      model: 'test-model',
      baseUrl: `${llm.url}/v1`,
      apiKey: 'sk-test',
      timeoutMs: 10_000,
      inputBudget: 16_000,
    }),
  });
  await harness.startWorker();
  api = await startTestApi(harness);
  fake = await startFakeIntercom(token);
});
afterAll(async () => {
  await fake?.close();
  await api?.close();
  await harness?.close();
  await llm?.close();
});

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed' && status !== 'failed')
      throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

const answer = (edits: { path: string; before: string; after: string }[]) => ({
  answer: {
    summary: 'Documents --timeout.',
    confidence: 0.7,
    noChangesReason: '',
    edits: edits.map((e) => ({
      ...e,
      rationale: 'New option.',
      citations: [{ path: 'src/cli.ts', side: 'new', startLine: 5, endLine: 5 }],
    })),
  },
});

let integrationId: string;

async function startRun(state: 'draft' | 'published', edits: { path: string; before: string; after: string }[]) {
  const fixture = flagChangeFixture();
  const project = await api.call('POST', '/v1/projects', {
    name: `intercom ${state}`,
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'intercom-articles', integrationId, collections: ['200'], state }],
    review: { required: true, expireAfter: '14d' },
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  llm.script(answer(edits));
  const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return started.body.id as string;
}

describe('Intercom articles through the HTTP API', () => {
  it('connects with an access token checked by GET /me, and refuses a wrong one or an unknown collection', async () => {
    const wrong = await api.call('POST', '/v1/integrations', {
      provider: 'intercom',
      baseUrl: fake.url,
      auth: { type: 'token', accessToken: 'dG9rOm5vdC10aGUtcmlnaHQtdG9rZW4tYXQtYWxs' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: 'auth.accessToken' })]);
    const both = await api.call('POST', '/v1/integrations', {
      provider: 'intercom',
      region: 'eu',
      baseUrl: fake.url,
      auth: { type: 'token', accessToken: token },
    });
    expect(both.status).toBe(400);

    const integration = await api.call('POST', '/v1/integrations', {
      provider: 'intercom',
      baseUrl: fake.url,
      auth: { type: 'token', accessToken: token },
      clientSecret: 'client-secret-0123456789',
    });
    expect(integration.status, JSON.stringify(integration.body)).toBe(201);
    expect(integration.body).toMatchObject({
      provider: 'intercom',
      auth: 'token',
      identity: { appId: 'abc123xy', workspace: 'Acme', admin: 'docs@acme.test' },
    });
    expect(JSON.stringify(integration.body)).not.toContain(token);
    integrationId = integration.body.id;
    // /openapi.json derives from the provider's schemas: its connect body and destination are there.
    const openapi = await (await fetch(`${api.url}/openapi.json`)).text();
    expect(openapi).toContain('intercom-articles');
    expect(openapi).toContain('accessToken');
    // The Messenger preview's module is served by docflow itself; nothing else is under the provider's name.
    const module = await fetch(`${api.url}/assets/providers/intercom/messenger-preview.js`);
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await module.text()).toMatch(/export default function preview[\s\S]*sdk\.showArticle\(payload\.articleId\)/);
    expect((await fetch(`${api.url}/assets/providers/intercom/constructor.js`)).status).toBe(404);
    expect((await fetch(`${api.url}/assets/providers/nobody/messenger-preview.js`)).status).toBe(404);
    fake.store.collections.set(200, null);

    const fixture = flagChangeFixture();
    const bad = await api.call('POST', '/v1/projects', {
      name: 'bad',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'intercom-articles', integrationId, collections: ['404'], state: 'draft' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details, JSON.stringify(bad.body)).toEqual([
      expect.objectContaining({ path: 'destinations.0.collections' }),
    ]);
    const badState = await api.call('POST', '/v1/projects', {
      name: 'bad',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'intercom-articles', integrationId, state: 'live' }],
    });
    expect(badState.status).toBe(400);
    expect(fake.store.writes).toEqual([]);
  });

  it('published mode: suggestion on the article → approve → exactly one update of exactly the edited block, state stated', async () => {
    const articleId = fake.store.add({ title: 'Command line', body: before + portBlock + after, collection: 200 });
    const path = `articles/${articleId}-command-line.md`;
    const runId = await startRun('published', [{ path, before: portText, after: `${portText}\n\n${timeoutText}` }]);
    const awaiting = await runInStatus(runId, 'awaiting_review');
    expect(awaiting.suggestion.edits).toEqual([expect.objectContaining({ path })]);
    expect(fake.store.writes).toEqual([]);

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const published = await runInStatus(runId, 'published');
    expect(published.result.location).toBe(
      `https://app.intercom.com/a/apps/abc123xy/articles/articles/${articleId}/show`,
    );

    expect(fake.store.writes).toHaveLength(1);
    expect(fake.store.writes[0]).toMatchObject({
      method: 'PUT',
      path: `/articles/${articleId}`,
      version: '2.14',
      body: { state: 'published' },
    });
    const article = fake.store.articles.get(articleId)!;
    expect(article.state).toBe('published');
    expect(article.body.startsWith(before)).toBe(true);
    expect(article.body.endsWith(after)).toBe(true);
    expect(article.body.slice(before.length, article.body.length - after.length)).toBe(
      '<p>The <code>--port</code> option sets the port to listen on.</p>\n<p>The <code>--timeout</code> option sets the request timeout in milliseconds.</p>',
    );
  });

  it('draft mode: a published article is left live and the change becomes a new draft article; the run says so', async () => {
    const articleId = fake.store.add({ title: 'Flags', body: before + portBlock + after, collection: 200 });
    const path = `articles/${articleId}-flags.md`;
    const writes = fake.store.writes.length;
    const runId = await startRun('draft', [{ path, before: portText, after: `${portText}\n\n${timeoutText}` }]);
    await runInStatus(runId, 'awaiting_review');
    await api.call('POST', `/v1/runs/${runId}/approve`);
    const published = await runInStatus(runId, 'published');

    expect(fake.store.articles.get(articleId)).toMatchObject({ state: 'published', body: before + portBlock + after });
    const added = fake.store.writes.slice(writes);
    expect(added).toEqual([expect.objectContaining({ method: 'POST', path: '/articles' })]);
    const copy = [...fake.store.articles.values()].find((a) =>
      a.description.includes(`change to article ${articleId} `),
    )!;
    expect(copy).toMatchObject({ state: 'draft', parent_id: 200, title: 'Flags' });
    expect(copy.body).toContain('--timeout');
    expect(published.result.location).toBe(
      `https://app.intercom.com/a/apps/abc123xy/articles/articles/${copy.id}/show`,
    );
    expect(published.message).toContain(
      `article ${articleId} is published: the change was saved as a new draft article`,
    );
  });

  it('an article edited in Intercom after it was read ends the run edit_conflict, writing nothing', async () => {
    const articleId = fake.store.add({ title: 'Ports', body: before + portBlock + after, collection: 200 });
    const path = `articles/${articleId}-ports.md`;
    const runId = await startRun('published', [{ path, before: portText, after: `${portText}\n\n${timeoutText}` }]);
    await runInStatus(runId, 'awaiting_review');
    const article = fake.store.articles.get(articleId)!;
    Object.assign(article, {
      body: article.body.replace('sets the port to listen on', 'chooses the port'),
      updated_at: fake.store.tick(),
    });
    const writes = fake.store.writes.length;
    await api.call('POST', `/v1/runs/${runId}/approve`);
    const failed = await runInStatus(runId, 'failed');
    expect(failed.reason).toBe('edit_conflict');
    expect(fake.store.writes.length).toBe(writes);
    expect(fake.store.articles.get(articleId)!.body).toContain('chooses the port');
  });

  it('a new page becomes a new draft article in the collection', async () => {
    const runId = await startRun('published', [
      { path: 'articles/timeouts.md', before: '', after: `# Timeouts\n\n${timeoutText}\n` },
    ]);
    await runInStatus(runId, 'awaiting_review');
    const writes = fake.store.writes.length;
    await api.call('POST', `/v1/runs/${runId}/approve`);
    const published = await runInStatus(runId, 'published');
    expect(fake.store.writes.slice(writes)).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/articles',
        body: expect.objectContaining({ state: 'draft', parent_id: 200 }),
      }),
    ]);
    const created = [...fake.store.articles.values()].find((a) => a.title === 'Timeouts')!;
    expect(created).toMatchObject({
      state: 'draft',
      parent_id: 200,
      body: '<p>The <code>--timeout</code> option sets the request timeout in milliseconds.</p>',
    });
    expect(published.result.location).toContain(`/articles/articles/${created.id}/show`);
  });
});
