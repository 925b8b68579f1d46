import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDrafter } from '../../drafting/create-drafter.js';
import { createIntegrations } from '../../integrations/integrations.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeIntercom, type FakeIntercom } from '../support/fake-intercom/server.js';
import { startFakeOpenAI } from '../support/fake-llm/openai.js';
import type { ScriptedServer } from '../support/fake-llm/scripted-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { providerDefaults } from '../support/provider-deps.js';
import { testLogger } from '../support/test-logger.js';
import { launchChromium, seriousViolations } from './browser.js';

const token = 'dG9rOmludGVyY29tLWJyb3dzZXItdG9rZW4tMDEyMzQ1';
const appId = 'appxyz12';
const portText = 'The `--port` option sets the port to listen on.';
const articleBody = '<h2>Command line</h2>\n<p>The <code>--port</code> option sets the port to listen on.</p>\n';

/** Stands in for Intercom's widget script: records what the page asks the Messenger (queued calls first). */
const widgetStub = `(function () {
  var calls = (window.__messengerCalls = []);
  var queued = (window.Intercom && window.Intercom.q) || [];
  window.Intercom = function () { calls.push(Array.prototype.slice.call(arguments)); };
  for (var i = 0; i < queued.length; i++) window.Intercom.apply(null, Array.prototype.slice.call(queued[i]));
})();`;

let llm: ScriptedServer;
let harness: Harness;
let plain: TestApi;
let configured: TestApi;
let fake: FakeIntercom;
let browser: Browser;

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
  plain = await startTestApi(harness);
  // The same installation, with the operator's Messenger app id set.
  const withAppId = createIntegrations({
    db: harness.db,
    secrets: harness.secrets,
    logger: testLogger(),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
    env: { DOCFLOW_INTERCOM_APP_ID: appId },
  });
  configured = await startTestApi(harness, { integrations: withAppId });
  fake = await startFakeIntercom(token);
  fake.store.collections.set(300, null);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await fake?.close();
  await configured?.close();
  await plain?.close();
  await harness?.close();
  await llm?.close();
});

/** A run of a project publishing to Intercom, approved and published. */
async function publishedRun(state: 'draft' | 'published'): Promise<{ runId: string; articleId: string }> {
  const articleId = fake.store.add({ title: `Command line ${state}`, body: articleBody, collection: 300 });
  const integration = await plain.call('POST', '/v1/integrations', {
    provider: 'intercom',
    baseUrl: fake.url,
    auth: { type: 'token', accessToken: token },
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  const fixture = flagChangeFixture();
  const project = await plain.call('POST', '/v1/projects', {
    name: `messenger ${state}`,
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'intercom-articles', integrationId: integration.body.id, collections: ['300'], state }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  llm.script({
    answer: {
      summary: 'Documents --timeout.',
      confidence: 0.7,
      noChangesReason: '',
      edits: [
        {
          path: `articles/${articleId}-command-line-${state}.md`,
          before: portText,
          after: `${portText} The \`--timeout\` option sets the request timeout.`,
          rationale: 'New option.',
          citations: [{ path: 'src/cli.ts', side: 'new', startLine: 5, endLine: 5 }],
        },
      ],
    },
  });
  const started = await plain.call('POST', `/v1/projects/${project.body.id}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  const runId = started.body.id as string;
  const inStatus = (status: string) =>
    eventually(async () => {
      const run = (await plain.call('GET', `/v1/runs/${runId}`)).body;
      if (run.status === 'failed') throw new Error(`${run.reason}: ${run.message}`);
      return run.status === status ? run : undefined;
    }, `${runId} ${status}`);
  await inStatus('awaiting_review');
  await plain.call('POST', `/v1/runs/${runId}/approve`);
  await inStatus('published');
  return { runId, articleId };
}

/** A signed-in browser whose every request to a host other than docflow's is recorded (the widget answered by the stub, the rest refused). */
async function session(api: TestApi): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext();
  const outside: string[] = [];
  const own = new URL(api.url).host;
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.host === own) return route.continue();
    outside.push(url.toString());
    if (url.host === 'widget.intercom.io')
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: widgetStub });
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`${api.url}/login`);
  await page.getByLabel('API key').fill(api.key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  return { context, page, outside };
}

const previewButton = (page: Page) => page.getByRole('button', { name: 'Preview in Messenger' });

describe('Preview in Messenger on the run page', () => {
  let live: { runId: string; articleId: string };
  let drafted: { runId: string; articleId: string };

  it('is not offered, and nothing loads from Intercom, without the app id setting', async () => {
    live = await publishedRun('published');
    drafted = await publishedRun('draft');
    const { context, page, outside } = await session(plain);
    const response = await page.goto(`${plain.url}/runs/${live.runId}`);
    await page.getByRole('heading', { name: new RegExp(live.runId) }).waitFor();
    expect(await previewButton(page).count()).toBe(0);
    expect(response!.headers()['content-security-policy']).not.toContain('intercom');
    expect(outside).toEqual([]);
    await context.close();
  });

  it('with the app id, the published run offers it; pressing it boots the Messenger and opens the article', async () => {
    const { context, page, outside } = await session(configured);
    const queue = await page.goto(`${configured.url}/`);
    expect(queue!.headers()['content-security-policy']).not.toContain('intercom');
    await page.goto(`${configured.url}/projects`);
    // A run whose change is a draft copy has nothing readers can see: no preview.
    await page.goto(`${configured.url}/runs/${drafted.runId}`);
    await page.getByRole('heading', { name: new RegExp(drafted.runId) }).waitFor();
    expect(await previewButton(page).count()).toBe(0);
    expect(outside).toEqual([]);

    const response = await page.goto(`${configured.url}/runs/${live.runId}`);
    const csp = response!.headers()['content-security-policy']!;
    expect(csp).toMatch(/script-src 'self' https:\/\/widget\.intercom\.io/);
    expect(csp).toContain("frame-ancestors 'none'");
    await previewButton(page).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing from Intercom until the button is pressed.
    expect(outside).toEqual([]);

    await previewButton(page).click();
    const calls = await eventually(async () => {
      const recorded = await page.evaluate(
        () => (globalThis as unknown as { __messengerCalls?: unknown[][] }).__messengerCalls,
      );
      return recorded?.some((c) => c[0] === 'showArticle') ? recorded : undefined;
    }, 'the Messenger to be asked to show the article');
    expect(calls).toContainEqual(['showArticle', Number(live.articleId)]);
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { intercomSettings: { app_id: string } }).intercomSettings.app_id,
      ),
    ).toBe(appId);
    expect(outside).toEqual([`https://widget.intercom.io/widget/${appId}`]);
    await context.close();
  });
});
