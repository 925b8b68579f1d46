import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDrafter } from '../../drafting/create-drafter.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeOpenAI } from '../support/fake-llm/openai.js';
import type { ScriptedServer } from '../support/fake-llm/scripted-server.js';
import { commitFiles, flagChangeFixture, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let llm: ScriptedServer;
let harness: Harness;
let api: TestApi;

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
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await llm?.close();
});

/** An MkDocs site: mkdocs.yml at the root of the docs repository, outside the docs folder docflow edits. */
const mkdocs = `site_name: App
nav:
  - Home: intro.md
  - Reference:
      - Command line: cli.md
`;

const page = (link: string) => ({
  path: 'docs/timeouts.md',
  before: '',
  after: `---\ntitle: Timeouts\n---\n\n# Timeouts\n\nSet \`--timeout <ms>\` next to the [port](${link}).\n`,
  rationale: 'The new option deserves a page.',
  citations: [{ path: 'src/cli.ts', side: 'new', startLine: 5, endLine: 5 }],
});
const intro = '---\ntitle: Intro\n---\n# Introduction\n';
const answer = (link: string) => ({
  summary: 'A page about timeouts.',
  confidence: 0.7,
  noChangesReason: '',
  edits: [
    page(link),
    {
      path: 'docs/intro.md',
      before: intro,
      after: `${intro}\nTimeouts have [their own page](timeouts.md).\n`,
      rationale: 'Point readers at the new page.',
      citations: [{ path: 'src/cli.ts', side: 'new', startLine: 5, endLine: 5 }],
    },
  ],
});

async function awaitingRun(
  site: Record<string, string> = { 'mkdocs.yml': mkdocs, 'docs/intro.md': `${intro}\nThis app serves things.\n` },
) {
  const fixture = flagChangeFixture();
  commitFiles(fixture.docs, site, 'docs site');
  const created = await api.call('POST', '/v1/projects', {
    name: 'mkdocs site',
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: true, expireAfter: '1d' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const started = await api.call('POST', `/v1/projects/${created.body.id}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  const run = await runIn(started.body.id as string, 'awaiting_review');
  return { fixture, run };
}

const runIn = (runId: string, status: string) =>
  eventually(async () => {
    const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
    if (run.status === 'failed' && status !== 'failed') throw new Error(`${run.reason}: ${run.message}`);
    return run.status === status ? run : undefined;
  }, `${runId} ${status}`);

describe('docs-site awareness through the API (local git, MkDocs, a model drafter)', () => {
  it('sends a broken anchor back to the model, then publishes the new page with its nav entry', async () => {
    llm.script({ answer: answer('cli.md#port') }, { answer: answer('cli.md#command-line') });
    const { fixture, run } = await awaitingRun();
    expect(llm.calls.at(-1)!.body.messages[1].content).toMatch(
      /edit 1 \(docs\/timeouts.md\): adds the link "cli.md#port" but docs\/cli.md has no heading with the anchor #port/,
    );
    expect(run.suggestion.edits.map((e: { path: string }) => e.path)).toEqual([
      'docs/timeouts.md',
      'docs/intro.md',
      'mkdocs.yml',
    ]);

    const approved = await api.call('POST', `/v1/runs/${run.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await runIn(run.id, 'published');
    const branch = `docflow/${run.id}`;
    expect(sh(fixture.docs, 'show', `${branch}:docs/timeouts.md`)).toContain('[port](cli.md#command-line)');
    expect(sh(fixture.docs, 'show', `${branch}:docs/intro.md`)).toMatch(
      /^---\ntitle: Intro\n---\n# Introduction\n\nTimeouts/,
    );
    const nav = parse(sh(fixture.docs, 'show', `${branch}:mkdocs.yml`)).nav;
    expect(nav).toEqual([
      { Home: 'intro.md' },
      { Timeouts: 'timeouts.md' },
      { Reference: [{ 'Command line': 'cli.md' }] },
    ]);
    expect(sh(fixture.docs, 'show', 'main:mkdocs.yml')).toBe(mkdocs.trim());
  });

  it("refuses a reviewer's text that breaks a link or the frontmatter, and stores nothing", async () => {
    llm.script({ answer: answer('intro.md') });
    const { run } = await awaitingRun();
    const edit = run.suggestion.edits[0];
    const broken = await api.call('POST', `/v1/runs/${run.id}/approve-edited`, {
      edits: [{ index: 0, after: edit.after.replace('intro.md', 'setup.md#install') }],
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(
      /edits.0.after adds the link "setup.md#install" but no page docs\/setup.md exists/,
    );
    const frontmatter = await api.call('POST', `/v1/runs/${run.id}/approve-edited`, {
      edits: [{ index: 1, after: run.suggestion.edits[1].after.replace('---\ntitle: Intro\n---\n', '') }],
    });
    expect(frontmatter.status).toBe(400);
    expect(frontmatter.body.error.details).toEqual([
      { path: 'edits.1.after', message: expect.stringMatching(/^removes or breaks the page's frontmatter/) },
    ]);
    const rows = await harness.db.selectFrom('suggestions').select('id').where('run_id', '=', run.id).execute();
    expect(rows).toHaveLength(1);
    const current = (await api.call('GET', `/v1/runs/${run.id}`)).body;
    expect(current).toMatchObject({ status: 'awaiting_review', suggestion: { id: run.suggestion.id, revision: 1 } });
    await api.call('POST', `/v1/runs/${run.id}/reject`, { reason: 'testing' });
  });

  /** The other formats: the same new page, and the navigation file on the published branch parsed back. */
  const formats: { name: string; site: Record<string, string>; file: string; check: (text: string) => void }[] = [
    {
      name: 'Docusaurus sidebars.js',
      site: { 'sidebars.js': "module.exports = {\n  docs: [\n    'intro',\n    'cli',\n  ],\n};\n" },
      file: 'sidebars.js',
      check: (text) =>
        expect(text).toBe("module.exports = {\n  docs: [\n    'intro',\n    'cli',\n    'timeouts',\n  ],\n};\n"),
    },
    {
      name: 'Mintlify docs.json',
      site: {
        'docs/docs.json': JSON.stringify(
          { navigation: { groups: [{ group: 'Ref', pages: ['intro', 'cli'] }] } },
          null,
          2,
        ),
      },
      file: 'docs/docs.json',
      check: (text) => expect(JSON.parse(text).navigation.groups[0].pages).toEqual(['intro', 'cli', 'timeouts']),
    },
    {
      name: 'VitePress config',
      site: {
        'docs/.vitepress/config.mts': `import { defineConfig } from 'vitepress'\n\nexport default defineConfig({\n  themeConfig: {\n    sidebar: [\n      { text: 'Intro', link: '/intro' },\n      { text: 'CLI', link: '/cli' },\n    ],\n  },\n})\n`,
      },
      file: 'docs/.vitepress/config.mts',
      check: (text) =>
        expect(text).toContain("{ text: 'CLI', link: '/cli' },\n      { text: 'Timeouts', link: '/timeouts' },\n"),
    },
    {
      name: 'Sphinx (MyST) toctree',
      site: { 'docs/index.md': '# App\n\n```{toctree}\n:maxdepth: 1\n\nintro\ncli\n```\n' },
      file: 'docs/index.md',
      check: (text) => expect(text).toBe('# App\n\n```{toctree}\n:maxdepth: 1\n\nintro\ncli\ntimeouts\n```\n'),
    },
  ];

  it.each(formats)('publishes a new page with its entry in the $name', async ({ site, file, check }) => {
    llm.script({ answer: { ...answer('cli.md#command-line'), edits: [page('cli.md#command-line')] } });
    const { fixture, run } = await awaitingRun(site);
    expect(run.suggestion.edits.map((e: { path: string }) => e.path)).toEqual(['docs/timeouts.md', file]);
    expect((await api.call('POST', `/v1/runs/${run.id}/approve`, {})).status).toBe(200);
    await runIn(run.id, 'published');
    expect(sh(fixture.docs, 'show', `docflow/${run.id}:docs/timeouts.md`)).toContain('# Timeouts');
    check(`${sh(fixture.docs, 'show', `docflow/${run.id}:${file}`)}\n`);
  });
});
