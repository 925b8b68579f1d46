import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeHelpCenter, type FakeHelpCenter } from '../support/fake-zendesk-help-center/server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const credentials = { email: 'docs@acme.test', token: 'zd-e2e-token-0123456789' };
const list =
  '<ul class="options">\n  <li><code>--port &lt;number&gt;</code>: Port to listen on. Default: <code>3000</code>.</li>\n' +
  '  <li><code>--host &lt;name&gt;</code>: Interface to bind. Default: <code>localhost</code>.</li>\n</ul>';
const before = '<h2 style="margin-top:0">Command line</h2>\n<p>Options:</p>\n';
const after =
  '\n<div class="callout callout--tip"><p>Run <code>app --help</code> for all flags.</p></div>\n' +
  '<iframe src="https://player.vimeo.com/video/1" width="640" allowfullscreen></iframe>\n';

let harness: Harness;
let api: TestApi;
let fake: FakeHelpCenter;

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  fake = await startFakeHelpCenter(credentials);
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

describe('Zendesk Help Center through the HTTP API', () => {
  it('local-git change → suggestion on the article → approve → exactly one update of exactly the edited block', async () => {
    const articleId = fake.store.add({ section: 200, title: 'Command line', body: before + list + after });
    const fixture = flagChangeFixture();
    const integration = await api.call('POST', '/v1/integrations', {
      provider: 'zendesk',
      baseUrl: fake.url,
      auth: { type: 'token', email: credentials.email, apiToken: credentials.token },
    });
    expect(integration.status, JSON.stringify(integration.body)).toBe(201);
    const destination = {
      type: 'zendesk-help-center',
      integrationId: integration.body.id,
      locale: 'en-us',
      sections: [200],
      publish: 'live',
    };
    const bad = await api.call('POST', '/v1/projects', {
      name: 'bad',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ ...destination, locale: 'fr' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details, JSON.stringify(bad.body)).toEqual([
      expect.objectContaining({ path: 'destinations.0.locale' }),
    ]);

    const project = await api.call('POST', '/v1/projects', {
      name: 'help center',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [destination],
      review: { required: true, expireAfter: '14d' },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.id as string;

    const awaiting = await runInStatus(runId, 'awaiting_review');
    expect(awaiting.suggestion.edits).toEqual([
      expect.objectContaining({
        path: `articles/${articleId}-command-line.md`,
        after: expect.stringContaining('--timeout'),
      }),
    ]);
    expect(fake.store.writes).toEqual([]);

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const published = await runInStatus(runId, 'published');
    expect(published.result.location).toBe(`${fake.url}/knowledge/articles/${articleId}/en-us`);
    // Live mode: the run shows where readers see the article.
    expect(published.result.url).toBe(`${fake.url}/hc/en-us/articles/${articleId}`);

    expect(fake.store.writes).toHaveLength(1);
    const html = fake.store.articles.get(articleId)!.translations['en-us']!.body;
    expect(html.startsWith(before)).toBe(true);
    expect(html.endsWith(after)).toBe(true);
    const block = html.slice(before.length, html.length - after.length);
    expect(block).not.toBe(list);
    expect(block).toMatch(/^<ul>[\s\S]*--port[\s\S]*<code>--timeout &#x3C;ms><\/code>[\s\S]*--host[\s\S]*<\/ul>$/);
  });

  it('an editor changes another block between drafting and approval: edit_conflict, nothing written', async () => {
    const articleId = fake.store.add({ section: 201, title: 'Command line', body: before + list + after });
    const fixture = flagChangeFixture();
    const integration = await api.call('POST', '/v1/integrations', {
      provider: 'zendesk',
      baseUrl: fake.url,
      auth: { type: 'token', email: credentials.email, apiToken: credentials.token },
    });
    const project = await api.call('POST', '/v1/projects', {
      name: 'help center conflict',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [
        { type: 'zendesk-help-center', integrationId: integration.body.id, sections: [201], publish: 'live' },
      ],
      review: { required: true, expireAfter: '14d' },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    });
    const runId = started.body.id as string;
    const awaiting = await runInStatus(runId, 'awaiting_review');
    expect(awaiting.suggestion.edits).toEqual([
      expect.objectContaining({ path: `articles/${articleId}-command-line.md` }),
    ]);

    // Not the block the suggestion edits: the heading above it.
    const translation = fake.store.articles.get(articleId)!.translations['en-us']!;
    const edited = translation.body.replace('Command line</h2>', 'Command-line options</h2>');
    Object.assign(translation, { body: edited, updated_at: fake.store.tick() });
    const writes = fake.store.writes.length;

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const failed = await runInStatus(runId, 'failed');
    expect(failed.reason).toBe('edit_conflict');
    expect(failed.message).toMatch(/changed in the help center after the suggestion was drafted/);
    expect(failed.result).toBeUndefined();
    expect(fake.store.writes.length).toBe(writes);
    expect(fake.store.articles.get(articleId)!.translations['en-us']!.body).toBe(edited);
  });
});
