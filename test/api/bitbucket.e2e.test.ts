import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { pullRequestPayload, signedBitbucketDelivery } from '../support/bitbucket-payloads.js';
import { fakeBitbucketCredentials, startFakeBitbucket, type FakeBitbucket } from '../support/fake-bitbucket/index.js';
import { fakeUserUuid } from '../support/fake-bitbucket/state.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const webhookSecret = 'bitbucket-e2e-webhook-secret';
const sourceAuthor = '{5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b}';
const source = 'acme/app';
const docs = 'acme/docs';
const cliBefore =
  "program\n  .option('--port <number>', 'Port to listen on', '3000')\n  .option('--host <name>', 'Interface to bind', 'localhost');\n";
const cliAfter = cliBefore.replace(
  "  .option('--host",
  "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')\n  .option('--host",
);

let fake: FakeBitbucket;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;

beforeAll(async () => {
  fake = await startFakeBitbucket();
  fake.addRepo(source, { files: { 'src/cli.ts': cliBefore, 'README.md': '# hello\n' } });
  fake.addRepo(docs, {
    files: {
      'docs/cli.md':
        '# CLI\n\n- `--port <number>`: Port to listen on. Default: `3000`.\n- `--host <name>`: Interface to bind. Default: `localhost`.\n',
      CODEOWNERS: 'docs/ @writer\n',
    },
  });
  fake.commit(source, 'changes', { 'src/cli.ts': cliAfter }, 'feat(cli): add --timeout');
  fake.addPull(source, {
    title: 'Add --timeout',
    description: 'Adds a request timeout.',
    source: 'changes',
    author: sourceAuthor,
  });

  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const { email, apiToken } = fakeBitbucketCredentials;
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'bitbucket',
    baseUrl: fake.url,
    auth: { type: 'api_token', email, token: apiToken },
    webhookSecret,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
  const project = await api.call('POST', '/v1/projects', {
    name: 'hello',
    triggers: [{ type: 'bitbucket', integrationId, repos: [source], paths: ['src/**'] }],
    context: [{ type: 'bitbucket', integrationId }],
    destinations: [{ type: 'bitbucket', integrationId, repo: docs, baseBranch: 'main', docsDir: 'docs' }],
    // docflow's own account opens the docs PR, so Bitbucket would refuse it as a reviewer.
    reviewers: { users: [fakeUserUuid] },
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

async function deliver(eventKey: string, payload: unknown, requestUuid = randomUUID(), secret = webhookSecret) {
  const { body, headers } = signedBitbucketDelivery(eventKey, payload, secret, requestUuid);
  const res = await fetch(`${api.url}/webhooks/bitbucket/${integrationId}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

const runReaches = (runId: string, status: string, revision?: number) =>
  eventually(
    async () => {
      const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
      if (run.status === 'failed') throw new Error(`run failed: ${run.reason}: ${run.message}`);
      return run.status === status && (revision === undefined || run.suggestion?.revision === revision)
        ? run
        : undefined;
    },
    `${runId} ${status}`,
    45_000,
  );

describe('Bitbucket end to end, through the HTTP API against a git-backed fake Bitbucket', () => {
  it('connecting checks the credentials and refuses what cannot work, storing nothing', async () => {
    const before = (await api.call('GET', '/v1/integrations')).body;
    const wrong = await api.call('POST', '/v1/integrations', {
      provider: 'bitbucket',
      baseUrl: fake.url,
      auth: { type: 'access_token', token: 'ATCTT3xFfGF0-not-a-valid-token-000000' },
      webhookSecret,
    });
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(400);
    expect(wrong.body.error.message).toContain('refused the credentials');
    const oauth = await api.call('POST', '/v1/integrations', {
      provider: 'bitbucket',
      baseUrl: fake.url,
      auth: { type: 'oauth' },
      webhookSecret,
    });
    expect(oauth.status).toBe(400);
    expect(oauth.body.error.message).toContain('/v1/integrations/bitbucket/connect');
    const appPassword = await api.call('POST', '/v1/integrations', {
      provider: 'bitbucket',
      baseUrl: fake.url,
      auth: { type: 'app_password', username: 'me', password: 'secret-secret-secret' },
      webhookSecret,
    });
    expect(appPassword.status).toBe(400);
    expect((await api.call('GET', '/v1/integrations')).body).toEqual(before);
  });

  it('a signed pullrequest:created starts one run; approval opens exactly one docs pull request and comments on the source', async () => {
    // The first diffstat hits the rate limit: the run waits it out.
    fake.failNext(
      { method: 'GET', pathPattern: /\/diffstat\// },
      { status: 429, headers: { 'retry-after': '1' }, body: { type: 'error', error: { message: 'slow down' } } },
    );
    const payload = pullRequestPayload(fake, source, 1);
    const delivery = await deliver('pullrequest:created', payload);
    expect(delivery.status).toBe(202);
    // A quick retry of the same update, even under a new X-Request-UUID, is the same delivery.
    expect((await deliver('pullrequest:created', payload)).body.duplicate).toBe(true);

    const runId = runIdFor(projectId, `${source}#1`);
    const awaiting = await runReaches(runId, 'awaiting_review');
    expect(awaiting.source.head).toBe(fake.branches(source).changes);
    expect(awaiting.suggestion.edits).toEqual([
      expect.objectContaining({ path: 'docs/cli.md', after: expect.stringContaining('--timeout <ms>') }),
    ]);

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const published = await runReaches(runId, 'published');
    const pulls = fake.pulls(docs);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ source: `docflow/${runId}`, destination: 'main', state: 'OPEN' });
    // The source PR's author is asked; docflow's own account (the PR's author) and the CODEOWNERS
    // nickname (Bitbucket's API names accounts by uuid only) are not.
    expect(pulls[0]!.reviewers).toEqual([sourceAuthor]);
    expect(published.suggestedReviewers).toEqual([
      { name: fakeUserUuid, kind: 'user', reasons: ['project'] },
      { name: sourceAuthor, kind: 'user', reasons: ['author'] },
      { name: 'writer', kind: 'user', reasons: ['codeowners'] },
    ]);
    expect(pulls[0]!.description).toContain(`Source: ${source}#1`);
    expect(published.result.location).toBe(`https://bitbucket.org/${docs}/pull-requests/${pulls[0]!.id}`);
    expect(fake.readFile(docs, `docflow/${runId}`, 'docs/cli.md')).toMatch(
      /--port <number>.*\n- `--timeout <ms>`: Request timeout in milliseconds/,
    );
    const comments = await eventually(
      async () => (fake.comments(source, 1).length ? fake.comments(source, 1) : undefined),
      'outcome comment',
    );
    expect(comments).toEqual([
      expect.objectContaining({ raw: expect.stringContaining(`docs update proposed: ${published.result.location}`) }),
    ]);
    expect(fake.requests.filter((r) => r.path.includes('/diffstat/')).length).toBeGreaterThanOrEqual(2);
  });

  it('new commits on the pull request re-draft into the same branch, the same docs pull request and the same comment', async () => {
    const runId = runIdFor(projectId, `${source}#1`);
    fake.commit(
      source,
      'changes',
      { 'src/cli.ts': cliAfter.replace("'Request timeout in milliseconds'", "'Request timeout (ms)'") },
      'reword',
    );
    const updated = pullRequestPayload(fake, source, 1, (p) => (p.pullrequest.updated_on = new Date().toISOString()));
    expect((await deliver('pullrequest:updated', updated)).status).toBe(202);
    await runReaches(runId, 'awaiting_review', 1);
    const approved = await api.call('POST', `/v1/runs/${runId}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await eventually(
      async () =>
        fake.readFile(docs, `docflow/${runId}`, 'docs/cli.md')?.includes('Request timeout (ms)') ? true : undefined,
      'second draft published',
    );
    await runReaches(runId, 'published');
    expect(fake.pulls(docs)).toHaveLength(1);
    expect(fake.comments(source, 1)).toHaveLength(1);
  });

  it('draft pull requests and docflow branches are skipped with their reasons; a wrong signature is refused', async () => {
    fake.commit(source, 'wip', { 'src/cli.ts': `${cliAfter}// wip\n` }, 'wip');
    const draft = fake.addPull(source, { title: 'WIP', source: 'wip', draft: true });
    expect((await deliver('pullrequest:created', pullRequestPayload(fake, source, draft.id))).status).toBe(202);
    fake.commit(source, 'docflow/run_elsewhere', { 'src/cli.ts': `${cliAfter}// ours\n` }, 'docs bot');
    const own = fake.addPull(source, { title: 'docflow', source: 'docflow/run_elsewhere' });
    expect((await deliver('pullrequest:created', pullRequestPayload(fake, source, own.id))).status).toBe(202);
    const skipped = (await api.call('GET', `/v1/runs?projectId=${projectId}&status=skipped`)).body.runs;
    expect(skipped.map((r: { reason: string }) => r.reason).sort()).toEqual([
      'draft_pull_request',
      'opened_by_docflow',
    ]);

    const refused = await deliver(
      'pullrequest:created',
      pullRequestPayload(fake, source, 1),
      randomUUID(),
      'x'.repeat(20),
    );
    expect(refused.status).toBe(401);
  });

  it('sent only requests Bitbucket accepts', () => {
    expect(fake.violations).toEqual([]);
  });
});
