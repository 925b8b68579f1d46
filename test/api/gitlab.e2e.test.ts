import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { fakeGitLabCredentials, startFakeGitLab, type FakeGitLab } from '../support/fake-gitlab/index.js';
import { gitlabDelivery, mergeRequestPayload } from '../support/gitlab-payloads.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const webhookSecret = 'gitlab-e2e-webhook-secret-0123';
const signingToken = `whsec_${Buffer.from('gitlab-e2e-signing-token-0123456').toString('base64')}`;
// A subgroup: the project path travels URL-encoded as one segment.
const source = 'acme/platform/app';
const docs = 'acme/docs';
const cliBefore =
  "program\n  .option('--port <number>', 'Port to listen on', '3000')\n  .option('--host <name>', 'Interface to bind', 'localhost');\n";
const cliAfter = cliBefore.replace(
  "  .option('--host",
  "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')\n  .option('--host",
);

let fake: FakeGitLab;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let projectId: string;
let alice: number;
let writer: number;

beforeAll(async () => {
  fake = await startFakeGitLab();
  alice = fake.addUser('alice');
  writer = fake.addUser('writer');
  fake.addProject(source, { files: { 'src/cli.ts': cliBefore, 'README.md': '# hello\n' } });
  fake.addProject(docs, {
    files: {
      'docs/cli.md':
        '# CLI\n\n- `--port <number>`: Port to listen on. Default: `3000`.\n- `--host <name>`: Interface to bind. Default: `localhost`.\n',
      CODEOWNERS: 'docs/ @writer @acme/tech-writers\n',
    },
  });
  fake.commit(source, 'changes', { 'src/cli.ts': cliAfter }, 'feat(cli): add --timeout');
  fake.addMergeRequest(source, {
    title: 'Add --timeout',
    description: 'Adds a request timeout.',
    source: 'changes',
    author: 'alice',
  });

  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'gitlab',
    baseUrl: fake.url,
    auth: { type: 'token', token: fakeGitLabCredentials.token },
    webhookSecret,
    signingToken,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
  const project = await api.call('POST', '/v1/projects', {
    name: 'hello',
    triggers: [{ type: 'gitlab', integrationId, repos: [source], paths: ['src/**'] }],
    context: [{ type: 'gitlab', integrationId }],
    destinations: [{ type: 'gitlab', integrationId, repo: docs, baseBranch: 'main', docsDir: 'docs' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

async function deliver(
  event: string,
  payload: unknown,
  options: { idempotencyKey?: string; secret?: string; signingToken?: string; timestamp?: number } = {},
) {
  const { body, headers } = gitlabDelivery(event, payload, { secret: webhookSecret, signingToken, ...options });
  const res = await fetch(`${api.url}/webhooks/gitlab/${integrationId}`, { method: 'POST', headers, body });
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

describe('GitLab end to end, through the HTTP API against a git-backed fake GitLab', () => {
  it('connecting checks the token and refuses what cannot work, storing nothing', async () => {
    const before = (await api.call('GET', '/v1/integrations')).body;
    const body = { provider: 'gitlab', baseUrl: fake.url, webhookSecret };
    const wrong = await api.call('POST', '/v1/integrations', {
      ...body,
      auth: { type: 'token', token: 'glpat-not-a-valid-token-00000' },
    });
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(400);
    expect(wrong.body.error.message).toContain('refused the token');
    const oauth = await api.call('POST', '/v1/integrations', { ...body, auth: { type: 'oauth' } });
    expect(oauth.status).toBe(400);
    expect(oauth.body.error.message).toContain('/v1/integrations/gitlab/connect');
    const badSigning = await api.call('POST', '/v1/integrations', {
      ...body,
      auth: { type: 'token', token: fakeGitLabCredentials.token },
      signingToken: 'not-a-standard-webhooks-secret',
    });
    expect(badSigning.status).toBe(400);
    const notGitLab = await api.call('POST', '/v1/integrations', {
      ...body,
      baseUrl: `${fake.origin}/not-the-api`,
      auth: { type: 'token', token: fakeGitLabCredentials.token },
    });
    expect(notGitLab.status).toBe(400);
    expect(notGitLab.body.error.message).toContain("does not answer like GitLab's API v4");
    expect((await api.call('GET', '/v1/integrations')).body).toEqual(before);
  });

  it('/openapi.json describes the GitLab connect body and project entries', async () => {
    const doc = JSON.stringify(await (await fetch(`${api.url}/openapi.json`)).json());
    for (const text of ['"gitlab"', 'signingToken', 'whsec_']) expect(doc).toContain(text);
  });

  it('a signed merge request hook starts one run; approval opens one docs merge request with one commit and a note on the source', async () => {
    // The first comparison hits the rate limit: the run waits it out.
    fake.failNext(
      { method: 'GET', pathPattern: /\/repository\/compare$/ },
      { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Retry later' } },
    );
    const payload = mergeRequestPayload(fake, source, 1, 'open');
    const delivery = await deliver('Merge Request Hook', payload, { idempotencyKey: 'e2e-open-1' });
    expect(delivery.status, JSON.stringify(delivery.body)).toBe(202);
    // GitLab's retry carries the same Idempotency-Key: nothing new.
    const retry = await deliver('Merge Request Hook', payload, { idempotencyKey: 'e2e-open-1' });
    expect(retry.body.duplicate).toBe(true);

    const runId = runIdFor(projectId, `${source}!1`);
    const awaiting = await runReaches(runId, 'awaiting_review');
    expect(awaiting.source.head).toBe(fake.branches(source).changes);
    expect(awaiting.source.base).toBe(fake.branches(source).main);
    expect(awaiting.suggestion.edits).toEqual([
      expect.objectContaining({ path: 'docs/cli.md', after: expect.stringContaining('--timeout <ms>') }),
    ]);

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const published = await runReaches(runId, 'published');
    const mrs = fake.mergeRequests(docs);
    expect(mrs).toHaveLength(1);
    expect(mrs[0]).toMatchObject({ sourceBranch: `docflow/${runId}`, targetBranch: 'main', state: 'opened' });
    expect(fake.commitsAhead(docs, `docflow/${runId}`, 'main')).toHaveLength(1);
    // The source MR's author and the CODEOWNERS user are asked; a group cannot be a reviewer.
    expect(mrs[0]!.reviewerIds.sort()).toEqual([alice, writer].sort());
    expect(mrs[0]!.description).toContain(`Source: ${source}!1`);
    expect(published.result.location).toBe(`${fake.origin}/${docs}/-/merge_requests/${mrs[0]!.iid}`);
    expect(fake.readFile(docs, `docflow/${runId}`, 'docs/cli.md')).toMatch(
      /--port <number>.*\n- `--timeout <ms>`: Request timeout in milliseconds/,
    );
    const notes = await eventually(
      async () => (fake.notes(source, 1).length ? fake.notes(source, 1) : undefined),
      'outcome note',
    );
    expect(notes).toEqual([
      expect.objectContaining({ body: expect.stringContaining(`docs update proposed: ${published.result.location}`) }),
    ]);
    expect(fake.requests.filter((r) => r.path.endsWith('/repository/compare')).length).toBeGreaterThanOrEqual(2);
  });

  it('new commits on the merge request re-draft into the same branch (still one commit), the same merge request and the same note', async () => {
    const runId = runIdFor(projectId, `${source}!1`);
    const before = fake.branches(source).changes!;
    fake.commit(
      source,
      'changes',
      { 'src/cli.ts': cliAfter.replace("'Request timeout in milliseconds'", "'Request timeout (ms)'") },
      'reword',
    );
    const updated = mergeRequestPayload(fake, source, 1, 'update', (p) => (p.object_attributes.oldrev = before));
    expect((await deliver('Merge Request Hook', updated)).status).toBe(202);
    await runReaches(runId, 'awaiting_review', 1);
    const approved = await api.call('POST', `/v1/runs/${runId}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await eventually(
      async () =>
        fake.readFile(docs, `docflow/${runId}`, 'docs/cli.md')?.includes('Request timeout (ms)') ? true : undefined,
      'second draft published',
    );
    await runReaches(runId, 'published');
    expect(fake.mergeRequests(docs)).toHaveLength(1);
    expect(fake.commitsAhead(docs, `docflow/${runId}`, 'main')).toHaveLength(1);
    expect(fake.notes(source, 1)).toHaveLength(1);
  });

  it('refuses a wrong secret token, a wrong signature and a stale one with 401, starting nothing', async () => {
    const runs = async () => (await api.call('GET', `/v1/runs?projectId=${projectId}`)).body.runs.length;
    const before = await runs();
    const payload = mergeRequestPayload(fake, source, 1, 'reopen');
    expect((await deliver('Merge Request Hook', payload, { secret: 'x'.repeat(30) })).status).toBe(401);
    const otherKey = `whsec_${Buffer.from('another-signing-key-entirely-012').toString('base64')}`;
    expect((await deliver('Merge Request Hook', payload, { signingToken: otherKey })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 3600;
    expect((await deliver('Merge Request Hook', payload, { timestamp: stale })).status).toBe(401);
    expect(await runs()).toBe(before);
  });

  it('draft merge requests and docflow branches are skipped with their reasons', async () => {
    fake.commit(source, 'wip', { 'src/cli.ts': `${cliAfter}// wip\n` }, 'wip');
    const draft = fake.addMergeRequest(source, { title: 'Draft: WIP', source: 'wip', draft: true });
    expect((await deliver('Merge Request Hook', mergeRequestPayload(fake, source, draft.iid, 'open'))).status).toBe(
      202,
    );
    fake.commit(source, 'docflow/run_elsewhere', { 'src/cli.ts': `${cliAfter}// ours\n` }, 'docs bot');
    const own = fake.addMergeRequest(source, { title: 'docflow', source: 'docflow/run_elsewhere' });
    expect((await deliver('Merge Request Hook', mergeRequestPayload(fake, source, own.iid, 'open'))).status).toBe(202);
    const skipped = (await api.call('GET', `/v1/runs?projectId=${projectId}&status=skipped`)).body.runs;
    expect(skipped.map((r: { reason: string }) => r.reason).sort()).toEqual([
      'draft_merge_request',
      'opened_by_docflow',
    ]);
  });

  it('sent only requests GitLab accepts: nothing malformed, nothing refused but lookups of what does not exist yet', () => {
    // The connect test's API base that is not one is the only request no GitLab would know.
    expect(fake.violations.filter((v) => !v.path.startsWith('/not-the-api/'))).toEqual([]);
    const refused = fake.requests.filter((r) => (r.status ?? 0) >= 400);
    const unexpected = refused.filter(
      (r) =>
        !(r.status === 429 && r.path.endsWith('/repository/compare')) &&
        // The wrong token given to connect, on purpose.
        !(
          r.status === 401 &&
          r.path === '/api/v4/user' &&
          r.headers['private-token'] !== fakeGitLabCredentials.token
        ) &&
        // The API base that is not one, on purpose.
        !(r.status === 404 && r.path.startsWith('/not-the-api/')) &&
        // Is the run's branch there yet? Does a new page exist?
        !(r.status === 404 && /\/repository\/(branches|files)\//.test(r.path)),
    );
    expect(unexpected.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  });
});
