import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { examplePayload, signedDelivery } from '../support/github-payloads.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const webhookSecret = 'backfill-github-webhook-secret';
const source = 'acme/app';
const docs = 'acme/docs';
const cliBefore =
  "program\n  .option('--port <number>', 'Port to listen on', '3000')\n  .option('--host <name>', 'Interface to bind', 'localhost');\n";
const cliAfter = cliBefore.replace(
  "  .option('--host",
  "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')\n  .option('--host",
);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

let fake: FakeGitHub;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;

/** A pull request of one commit on its own branch, merged (or closed unmerged) at `at`. */
function pull(number: number, branch: string, files: Record<string, string>, title: string, at: string, merge = true) {
  fake.commit(source, branch, files, title);
  fake.addPull(source, { number, title, head: branch, base: 'main' });
  if (merge) fake.mergePull(source, number, at);
  else fake.closePull(source, number, at);
}

beforeAll(async () => {
  fake = await startFakeGitHub();
  fake.addRepo(source, { files: { 'src/cli.ts': cliBefore, 'README.md': '# app\n' } });
  fake.addRepo(docs, {
    files: {
      'docs/cli.md':
        '# CLI\n\n- `--port <number>`: Port to listen on. Default: `3000`.\n- `--host <name>`: Interface to bind. Default: `localhost`.\n',
    },
  });
  pull(1, 'old', { 'src/old.ts': 'export const old = 1;\n' }, 'An old change', daysAgo(40));
  pull(2, 'timeout', { 'src/cli.ts': cliAfter }, 'Add --timeout', daysAgo(3));
  pull(3, 'docflow/run_abc', { 'README.md': '# app\n\ndocs\n' }, 'docflow docs', daysAgo(2));
  pull(4, 'readme', { 'README.md': '# app\n\nHello.\n' }, 'Readme only', daysAgo(1));
  // More closed, unmerged pull requests than one page holds, updated last: the merged ones are on page two.
  fake.commit(source, 'noise', { 'noise.txt': 'x\n' }, 'noise');
  for (let n = 10; n < 111; n++) {
    fake.addPull(source, { number: n, title: `abandoned ${n}`, head: 'noise', base: 'main' });
    fake.closePull(source, n);
  }

  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'github',
    baseUrl: fake.url,
    auth: { type: 'token', token: 'ghp_backfilltesttoken0123456789' },
    webhookSecret,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
  const project = await api.call('POST', '/v1/projects', {
    name: 'app',
    triggers: [
      { type: 'github', integrationId, repos: [source], paths: ['src/**'], on: 'merged' },
      { type: 'github', integrationId, repos: [source], on: 'every_push' },
    ],
    context: [{ type: 'github', integrationId }],
    destinations: [{ type: 'github', integrationId, repo: docs, baseBranch: 'main', docsDir: 'docs' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

const finished = (id: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/backfills/${id}`);
    if (res.body.status === 'failed') throw new Error(`backfill failed: ${res.body.detail}`);
    return res.body.status === 'completed' ? res.body : undefined;
  }, `backfill ${id} to complete`);

describe('backfill over GitHub pull requests', () => {
  it('lists the merged pull requests of the window across pages, with what each would come to', async () => {
    const started = await api.call('POST', `/v1/projects/${projectId}/backfill`, { since: '30d' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const backfill = await finished(started.body.id);

    expect(backfill.triggers).toEqual([
      { index: 0, type: 'github', status: 'listed', changes: 3 },
      { index: 1, type: 'github', status: 'not_supported', message: expect.stringContaining('every_push') },
    ]);
    expect(backfill.items.map((i: any) => [i.workflowKey, i.outcome.status, i.outcome.reason])).toEqual([
      [`${source}#2`, 'would_update', undefined],
      [`${source}#3`, 'skipped', 'opened_by_docflow'],
      [`${source}#4`, 'skipped', 'paths_filtered'],
    ]);
    expect(backfill.items[0].outcome.pages).toEqual(['docs/cli.md']);
    expect(backfill.progress).toEqual({ done: 3, total: 3 });
    const listings = fake.requests.filter((r) => r.method === 'GET' && r.path === `/repos/${source}/pulls`);
    expect(listings.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(listings[0]!.query).toMatchObject({ state: 'closed', sort: 'updated', direction: 'desc' });
    expect(fake.violations).toEqual([]);
    expect(fake.pulls(docs)).toHaveLength(0);
  });

  it('with dryRun false joins the run a webhook started for the same pull request instead of starting another', async () => {
    const merged = examplePayload(
      'pull_request',
      (p) => p.action === 'closed',
      (p) => {
        const pr = fake.pulls(source).find((x) => x.number === 2)!;
        p.repository.full_name = source;
        p.pull_request.number = 2;
        p.pull_request.merged = true;
        p.pull_request.head.ref = pr.head;
        p.pull_request.head.sha = fake.branches(source).timeout;
      },
    );
    const { body, headers } = signedDelivery('pull_request', merged, webhookSecret);
    const delivered = await fetch(`${api.url}/webhooks/github/${integrationId}`, { method: 'POST', headers, body });
    expect(delivered.status).toBe(202);
    const webhookRun = runIdFor(projectId, `${source}#2`);

    const started = await api.call('POST', `/v1/projects/${projectId}/backfill`, { since: '30d', dryRun: false });
    const backfill = await finished(started.body.id);
    expect(backfill.items.filter((i: any) => i.run).map((i: any) => i.run)).toEqual([
      { runId: webhookRun, status: 'already_run' },
    ]);
    const runs = await harness.db.selectFrom('runs').select('id').where('project_id', '=', projectId).execute();
    expect(runs.map((r) => r.id)).toEqual([webhookRun]);
  });
});
