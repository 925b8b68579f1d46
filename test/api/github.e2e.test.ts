import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { examplePayload, signedDelivery } from '../support/github-payloads.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const appId = 31337;
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const webhookSecret = 'github-e2e-webhook-secret';
const source = 'Codertocat/Hello-World';
const docs = 'Codertocat/docs';
const cliBefore =
  "program\n  .option('--port <number>', 'Port to listen on', '3000')\n  .option('--host <name>', 'Interface to bind', 'localhost');\n";
const cliAfter = cliBefore.replace(
  "  .option('--host",
  "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')\n  .option('--host",
);

let fake: FakeGitHub;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ appId, publicKeyPem: publicKey });
  fake.addRepo(source, { files: { 'src/cli.ts': cliBefore, 'README.md': '# hello\n' }, installationId: 1 });
  fake.addRepo(docs, {
    files: {
      'docs/cli.md':
        '# CLI\n\n- `--port <number>`: Port to listen on. Default: `3000`.\n- `--host <name>`: Interface to bind. Default: `localhost`.\n',
      // The last matching pattern wins: docs pages belong to the docs team and lead, not to @everyone.
      '.github/CODEOWNERS': '* @everyone\n/docs/ @Codertocat/docs-team @docs-lead @test-user\n',
    },
    installationId: 1,
  });
  fake.commit(source, 'changes', { 'src/cli.ts': cliAfter }, 'feat(cli): add --timeout');
  fake.addPull(source, {
    number: 2,
    title: 'Add --timeout',
    body: 'Adds a request timeout.',
    head: 'changes',
    base: 'main',
    user: 'pr-author',
  });

  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'github',
    baseUrl: fake.url,
    auth: { type: 'app', appId: String(appId), privateKey },
    webhookSecret,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
  const project = await api.call('POST', '/v1/projects', {
    name: 'hello',
    triggers: [{ type: 'github', integrationId, repos: [source], paths: ['src/**'] }],
    context: [{ type: 'github', integrationId }],
    destinations: [
      { type: 'github', integrationId, repo: docs, baseBranch: 'main', docsDir: 'docs', draftUntilSourceMerged: true },
    ],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

function prEvent(action: string) {
  const branches = fake.branches(source);
  return examplePayload(
    'pull_request',
    (p) => p.action === action,
    (p) => {
      p.repository.full_name = source;
      p.pull_request.base.sha = branches.main;
      p.pull_request.head.sha = branches.changes;
      p.pull_request.head.ref = 'changes';
    },
  );
}

async function deliver(event: string, payload: unknown, deliveryId?: string) {
  const { body, headers } = signedDelivery(event, payload, webhookSecret, deliveryId);
  const res = await fetch(`${api.url}/webhooks/github/${integrationId}`, { method: 'POST', headers, body });
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

describe("GitHub end to end, against an API that accepts only requests valid for GitHub's published description", () => {
  it('a signed pull_request webhook starts one run; approval opens exactly one docs pull request', async () => {
    // The first listing of the PR's files hits a rate limit: the run waits it out.
    fake.failNext(
      { method: 'GET', pathPattern: /\/pulls\/2\/files$/ },
      { status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } },
    );
    const delivery = await deliver('pull_request', prEvent('opened'));
    expect(delivery.status).toBe(202);
    expect((await deliver('pull_request', prEvent('opened'), delivery.body.delivery)).body.duplicate).toBe(true);

    const runId = runIdFor(projectId, `${source}#2`);
    const awaiting = await runReaches(runId, 'awaiting_review');
    expect(awaiting.suggestion.edits).toEqual([
      expect.objectContaining({ path: 'docs/cli.md', after: expect.stringContaining('--timeout <ms>') }),
    ]);
    expect(awaiting.suggestedReviewers).toEqual([
      { name: 'pr-author', kind: 'user', reasons: ['author'] },
      { name: 'Codertocat/docs-team', kind: 'team', reasons: ['codeowners'] },
      { name: 'docs-lead', kind: 'user', reasons: ['codeowners'] },
      { name: 'test-user', kind: 'user', reasons: ['codeowners'] },
    ]);

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const published = await runReaches(runId, 'published');
    const pulls = fake.pulls(docs);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      head: `docflow/${runId}`,
      base: 'main',
      draft: true,
      state: 'open',
      requestedReviewers: ['pr-author', 'docs-lead', 'test-user'],
      requestedTeams: ['docs-team'],
    });
    expect(pulls[0]!.body).toContain(`Source: ${source}#2`);
    expect(published.result.location).toMatch(/\/pull\/\d+$/);
    expect(fake.readFile(docs, `docflow/${runId}`, 'docs/cli.md')).toMatch(
      /--port <number>.*\n- `--timeout <ms>`: Request timeout in milliseconds/,
    );

    const comments = await eventually(
      async () => (fake.comments(source, 2).length ? fake.comments(source, 2) : undefined),
      'outcome comment',
    );
    expect(comments).toEqual([
      expect.objectContaining({ body: expect.stringContaining(`docs update proposed: ${published.result.location}`) }),
    ]);
    expect(fake.requests.filter((r) => r.path.endsWith('/pulls/2/files')).length).toBeGreaterThanOrEqual(2);
  });

  it('new commits on the PR re-draft into the same branch and the same docs pull request', async () => {
    const runId = runIdFor(projectId, `${source}#2`);
    fake.commit(
      source,
      'changes',
      { 'src/cli.ts': cliAfter.replace("'Request timeout in milliseconds'", "'Request timeout (ms)'") },
      'reword',
    );
    expect((await deliver('pull_request', prEvent('synchronize'))).status).toBe(202);
    await runReaches(runId, 'awaiting_review', 1);
    await eventually(
      async () =>
        (await api.call('GET', `/v1/runs/${runId}`)).body.source.head === fake.branches(source).changes
          ? true
          : undefined,
      'new head',
    );
    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    await runReaches(runId, 'published');
    expect(fake.pulls(docs)).toHaveLength(1);
    expect(fake.readFile(docs, `docflow/${runId}`, 'docs/cli.md')).toContain('Request timeout (ms)');
    expect(fake.comments(source, 2)).toHaveLength(1);
  });

  it('merging the source PR takes the draft docs pull request out of draft', async () => {
    expect(fake.pulls(docs)[0]!.draft).toBe(true);
    await harness.client.workflow.getHandle(runIdFor(projectId, `${source}#2`)).result(); // the run has finished
    const merged = prEvent('closed');
    merged.pull_request.merged = true;
    const delivery = await deliver('pull_request', merged);
    expect(delivery.body.actions).toEqual([`marking ${runIdFor(projectId, `${source}#2`)} ready`]);
    await eventually(async () => (fake.pulls(docs)[0]!.draft ? undefined : true), 'docs PR ready for review');
    expect(fake.requests.filter((r) => r.path === '/graphql')).toHaveLength(1);
  });

  it('a PR touching only ignored paths is skipped with its reason', async () => {
    fake.commit(source, 'readme-only', { 'README.md': '# hello again\n' }, 'docs: readme');
    fake.addPull(source, { number: 3, title: 'Readme', head: 'readme-only', base: 'main' });
    const payload = examplePayload(
      'pull_request',
      (p) => p.action === 'opened',
      (p) => {
        p.repository.full_name = source;
        p.pull_request.number = 3;
        p.pull_request.base.sha = fake.branches(source).main;
        p.pull_request.head.sha = fake.branches(source)['readme-only'];
        p.pull_request.head.ref = 'readme-only';
      },
    );
    await deliver('pull_request', payload);
    const skipped = await runReaches(runIdFor(projectId, `${source}#3`), 'skipped');
    expect(skipped).toMatchObject({ reason: 'paths_filtered' });
  });

  it("redelivers failed webhook deliveries through the App's schedule", async () => {
    const now = new Date().toISOString();
    fake.deliveries.push({
      id: 900,
      guid: 'guid-failed',
      event: 'pull_request',
      action: 'opened',
      status_code: 502,
      redelivery: false,
      delivered_at: now,
    });
    fake.deliveries.push({
      id: 901,
      guid: 'guid-ok',
      event: 'pull_request',
      action: 'opened',
      status_code: 202,
      redelivery: false,
      delivered_at: now,
    });
    const schedule = harness.client.schedule.getHandle(`github-redeliver-webhooks-${integrationId}`);
    expect((await schedule.describe()).spec.intervals).toHaveLength(1);
    await schedule.trigger();
    await eventually(
      async () => (fake.deliveries.some((d) => d.guid === 'guid-failed' && d.redelivery) ? true : undefined),
      'redelivery',
    );
    expect(fake.deliveries.filter((d) => d.guid === 'guid-ok' && d.redelivery)).toEqual([]);
  });

  it('disconnecting the integration ends its active runs failed with integration_disconnected', async () => {
    fake.commit(
      source,
      'more',
      { 'src/cli.ts': cliAfter.replace("'--host <name>'", "'--bind <name>'") },
      'rename host',
    );
    fake.addPull(source, { number: 4, title: 'Rename host', head: 'more', base: 'main' });
    await deliver(
      'pull_request',
      examplePayload(
        'pull_request',
        (p) => p.action === 'opened',
        (p) => {
          p.repository.full_name = source;
          p.pull_request.number = 4;
          p.pull_request.base.sha = fake.branches(source).main;
          p.pull_request.head.sha = fake.branches(source).more;
          p.pull_request.head.ref = 'more';
        },
      ),
    );
    const runId = runIdFor(projectId, `${source}#4`);
    await runReaches(runId, 'awaiting_review');
    expect((await api.call('DELETE', `/v1/integrations/${integrationId}`)).status).toBe(204);
    const failed = await runReaches(runId, 'failed').catch(
      async () => (await api.call('GET', `/v1/runs/${runId}`)).body,
    );
    expect(failed).toMatchObject({
      status: 'failed',
      reason: 'integration_disconnected',
      message: expect.stringContaining(integrationId),
    });
    expect(
      await harness.client.schedule
        .getHandle(`github-redeliver-webhooks-${integrationId}`)
        .describe()
        .catch((e) => e.constructor.name),
    ).toBe('ScheduleNotFoundError');
    expect(await harness.db.selectFrom('integrations').selectAll().execute()).toEqual([]);
  });

  it('token mode: a manual run with a GitHub source publishes through a fine-grained token', async () => {
    const token = await api.call('POST', '/v1/integrations', {
      provider: 'github',
      baseUrl: fake.url,
      auth: { type: 'token', token: 'github_pat_e2e_0123456789abcdefghij' },
      webhookSecret,
    });
    expect(token.status).toBe(201);
    const project = await api.call('POST', '/v1/projects', {
      name: 'token mode',
      context: [{ type: 'github', integrationId: token.body.id, repos: [source] }],
      destinations: [{ type: 'github', integrationId: token.body.id, repo: docs, baseBranch: 'main', docsDir: 'docs' }],
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    fake.commit(
      source,
      'token-change',
      { 'src/cli.ts': cliAfter.replace("'--host <name>'", "'--hostname <name>'") },
      'rename host',
    );
    const branches = fake.branches(source);
    const run = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: {
        type: 'github',
        integrationId: token.body.id,
        repo: source,
        base: branches.main,
        head: branches['token-change'],
      },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    await runReaches(run.body.id, 'awaiting_review');
    await api.call('POST', `/v1/runs/${run.body.id}/approve`);
    const published = await runReaches(run.body.id, 'published');
    // The token's user opened the docs PR, so GitHub would refuse it as a reviewer: it is left out.
    expect(fake.pulls(docs).find((p) => p.head === `docflow/${run.body.id}`)).toMatchObject({
      draft: false,
      state: 'open',
      requestedReviewers: ['docs-lead'],
      requestedTeams: ['docs-team'],
    });
    expect(published.result.location).toMatch(/\/pull\/\d+$/);
    const other = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: {
        type: 'github',
        integrationId: token.body.id,
        repo: 'someone/else',
        base: branches.main,
        head: branches.main,
      },
    });
    expect(other).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/does not read someone\/else/) } },
    });
  });

  it('sent GitHub nothing it would reject', () => {
    expect(JSON.stringify(fake.violations, null, 1)).toBe('[]');
  });
});
