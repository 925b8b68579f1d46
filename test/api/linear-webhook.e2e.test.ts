import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChangeContext } from '../../db/repositories/suggestions.js';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { fakeLinearApiKey, startFakeLinear, type FakeLinear } from '../support/fake-linear/index.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import {
  issuePayload,
  linearWebhookSecret,
  signedLinearDelivery,
  type IssueEventOptions,
} from '../support/linear-payloads.js';

const appId = 4343;
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const repo = 'acme/app';
let github: FakeGitHub;
let linear: FakeLinear;
let harness: Harness;
let api: TestApi;
let linearId: string;
let projectId: string;

beforeAll(async () => {
  const fixture = flagChangeFixture();
  github = await startFakeGitHub({ appId, publicKeyPem: publicKey });
  const cliBefore = fixture.cliAfter.replace(/ {2}\.option\('--timeout[^\n]*\n/, '');
  github.addRepo(repo, { files: { 'src/cli.ts': cliBefore, 'README.md': '# app\n' }, installationId: 1 });
  github.commit(repo, 'eng-123-timeout', { 'src/cli.ts': fixture.cliAfter }, 'feat(cli): add --timeout');
  github.addPull(repo, {
    number: 7,
    title: 'Add --timeout',
    body: 'Fixes ENG-123',
    head: 'eng-123-timeout',
    base: 'main',
  });

  linear = await startFakeLinear();
  linear.addIssue({
    identifier: 'ENG-123',
    title: 'Requests hang forever',
    description: 'Users need a way to stop waiting: add a `--timeout` flag. Asked by jane@customer.test.',
    state: { name: 'Done', type: 'completed' },
    labels: ['docs'],
    updatedAt: '2026-03-01T12:00:00.000Z',
    comments: [{ body: 'Milliseconds, default 5000.', author: 'Bob', createdAt: '2026-02-28T10:00:00Z' }],
    attachments: [
      { url: `${github.url}/${repo}/pull/7`, title: 'Add --timeout' },
      { url: 'https://status.example/incidents/12', title: 'Incident' },
    ],
  });
  linear.addIssue({
    identifier: 'ENG-124',
    title: 'Explain retries',
    description: 'The retry behaviour confuses people.',
    state: { name: 'Done', type: 'completed' },
    labels: ['docs'],
  });

  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const gh = await api.call('POST', '/v1/integrations', {
    provider: 'github',
    baseUrl: github.url,
    auth: { type: 'app', appId: String(appId), privateKey },
    webhookSecret: 'linear-e2e-github-webhook-secret',
  });
  expect(gh.status, JSON.stringify(gh.body)).toBe(201);
  const connected = await api.call('POST', '/v1/integrations', {
    provider: 'linear',
    baseUrl: linear.url,
    auth: { type: 'api_key', apiKey: fakeLinearApiKey },
    webhookSecret: linearWebhookSecret,
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
  linearId = connected.body.id;
  expect(connected.body.webhookUrl).toBe(`http://docflow.test/webhooks/linear/${linearId}`);
  const project = await api.call('POST', '/v1/projects', {
    name: 'linear-webhook',
    triggers: [{ type: 'linear', integrationId: linearId, teams: ['ENG'], labels: ['docs'], states: ['Done'] }],
    context: [
      { type: 'github', integrationId: gh.body.id, repos: [repo] },
      { type: 'linear', integrationId: linearId, teams: ['ENG'] },
    ],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await linear?.close();
  await github?.close();
});

const runOf = (key: string) => runIdFor(projectId, `linear:${linearId}:issue:${linear.issueId(key)}`);
const movedToDone = (identifier: string, extra: Partial<IssueEventOptions> = {}) =>
  issuePayload({
    action: 'update',
    identifier,
    id: linear.issueId(identifier),
    title: 'Requests hang forever',
    state: 'Done',
    labels: ['docs'],
    from: { state: 'In Review' },
    updatedAt: '2026-03-01T12:00:00.000Z',
    ...extra,
  });
async function post(delivery: { body: string; headers: Record<string, string> }) {
  const res = await fetch(`${api.url}/webhooks/linear/${linearId}`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: res.status, body: (await res.json()) as any };
}
const settled = (runId: string) =>
  eventually(
    async () => {
      const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
      if (run.status === 'failed') throw new Error(`run failed: ${run.reason}: ${run.message}`);
      return ['no_changes', 'published', 'awaiting_review'].includes(run.status) ? run : undefined;
    },
    `${runId} to finish drafting`,
    45_000,
  );
const counts = async () => ({
  runs: (await harness.db.selectFrom('runs').select('id').where('project_id', '=', projectId).execute()).length,
  deliveries: (
    await harness.db
      .selectFrom('webhook_deliveries')
      .select('delivery_id')
      .where('integration_id', '=', linearId)
      .execute()
  ).length,
});

describe('the Linear webhook through the HTTP API, against fake Linear and GitHub APIs', () => {
  it('an issue moved to Done with the docs label starts a run whose change is the issue and its attached pull request', async () => {
    const res = await post(signedLinearDelivery(movedToDone('ENG-123'), linearWebhookSecret, 'delivery-1'));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const runId = runOf('ENG-123');
    expect(res.body.actions).toEqual([`started or updated ${runId}`]);
    const run = await settled(runId);
    expect(run.status, JSON.stringify(run)).toBe('awaiting_review');
    expect(run.source).toEqual({
      type: 'linear',
      integrationId: linearId,
      issue: 'ENG-123',
      updatedAt: '2026-03-01T12:00:00.000Z',
      url: 'https://linear.app/acme/issue/eng-123/requests-hang-forever',
    });
    expect(run.suggestion.edits).toEqual([
      expect.objectContaining({ path: 'docs/cli.md', after: expect.stringContaining('--timeout <ms>') }),
    ]);

    const row = await harness.db
      .selectFrom('change_contexts')
      .select('id')
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
    const change = (await findChangeContext(harness.db, row.id))!;
    expect(change.sourceLabel).toBe('Linear issue ENG-123');
    expect(change.conversations?.map((c) => c.path)).toEqual(['linear/issues/ENG-123']);
    const issueFile = change.files.find((f) => f.path === 'linear/issues/ENG-123')!;
    expect(issueFile.content).toContain('Description: Users need a way to stop waiting');
    expect(issueFile.content).toContain('[email]');
    expect(issueFile.content).not.toContain('jane@customer.test');
    expect(change.files.map((f) => f.path)).toContain('src/cli.ts');
    expect(change.note).toContain(`Linked change followed: ${repo}#7`);
    // The pull request names ENG-123, the run's own issue: it is the change, not a reference as well.
    expect(change.references ?? []).toEqual([]);
    expect(linear.refused).toEqual([]);
    expect(github.violations).toEqual([]);
  });

  it('the same delivery again is a duplicate and changes nothing', async () => {
    const before = await counts();
    const res = await post(signedLinearDelivery(movedToDone('ENG-123'), linearWebhookSecret, 'delivery-1'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delivery: 'delivery-1', duplicate: true, actions: [] });
    expect(await counts()).toEqual(before);
  });

  it('a bad signature or a stale timestamp answers 401 and records nothing', async () => {
    const before = await counts();
    const wrong = await post(signedLinearDelivery(movedToDone('ENG-123'), 'not-the-secret-0123456789abcdef', 'd-bad'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain('Linear-Signature');
    const stale = await post(
      signedLinearDelivery(
        movedToDone('ENG-123', { webhookTimestamp: Date.now() - 5 * 60_000 }),
        linearWebhookSecret,
        'd-stale',
      ),
    );
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toContain('60-second window');
    expect(await counts()).toEqual(before);
  });

  it('a later qualifying update of the same issue reaches the same run', async () => {
    const before = await counts();
    const res = await post(
      signedLinearDelivery(
        movedToDone('ENG-123', { from: { state: 'In Progress' }, updatedAt: '2026-03-02T08:00:00.000Z' }),
        linearWebhookSecret,
        'delivery-2',
      ),
    );
    expect(res.status).toBe(202);
    expect(res.body.actions).toEqual([`started or updated ${runOf('ENG-123')}`]);
    expect(await counts()).toEqual({ runs: before.runs, deliveries: before.deliveries + 1 });
  });

  it('an update that does not bring the issue to Done is recorded and starts nothing', async () => {
    const before = await counts();
    const res = await post(
      signedLinearDelivery(movedToDone('ENG-124', { from: { title: 'Retries' } }), linearWebhookSecret, 'delivery-3'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ delivery: 'delivery-3', actions: [] });
    expect(await counts()).toEqual({ runs: before.runs, deliveries: before.deliveries + 1 });
  });

  it('an issue with no pull request attached gives the offline drafter nothing to act on: no_changes, needs_model', async () => {
    const res = await post(
      signedLinearDelivery(movedToDone('ENG-124', { title: 'Explain retries' }), linearWebhookSecret, 'delivery-4'),
    );
    expect(res.status).toBe(202);
    const run = await settled(runOf('ENG-124'));
    expect(run.status).toBe('no_changes');
    expect(JSON.stringify(run)).toContain('needs_model');
  });

  it('a run started by hand names an issue and is pinned; an issue of another team answers 400 and starts nothing', async () => {
    const before = await counts();
    const refused = await api.call('POST', `/v1/projects/${projectId}/runs`, {
      source: { type: 'linear', integrationId: linearId, issue: 'OPS-9' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'source.issue', message: 'not of team ENG' }]);
    const lower = await api.call('POST', `/v1/projects/${projectId}/runs`, {
      source: { type: 'linear', integrationId: linearId, issue: 'eng-124' },
    });
    expect(lower.status).toBe(400);
    expect(await counts()).toEqual(before);
    const started = await api.call('POST', `/v1/projects/${projectId}/runs`, {
      source: { type: 'linear', integrationId: linearId, issue: 'ENG-123' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = (await api.call('GET', `/v1/runs/${started.body.id}`)).body;
    expect(run.source).toEqual({
      type: 'linear',
      integrationId: linearId,
      issue: 'ENG-123',
      updatedAt: '2026-03-01T12:00:00.000Z',
      url: 'https://linear.app/acme/issue/eng-123',
    });
    expect((await settled(started.body.id)).status).toBe('awaiting_review');
  });
});
