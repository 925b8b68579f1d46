import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import type {
  DestinationAdapter,
  ProviderAdapters,
  SourceAdapter,
  WebhookRequest,
} from '../../../integrations/contract.js';
import { gitlab } from '../../../integrations/gitlab/index.js';
import type { GitLabDestination, GitLabSource } from '../../../integrations/gitlab/schemas.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { fakeGitLabCredentials, startFakeGitLab, type FakeGitLab } from '../../support/fake-gitlab/index.js';
import { fakeOAuthClient } from '../../support/fake-gitlab/routes/oauth-token.js';
import { gitlabDelivery, mergeRequestPayload } from '../../support/gitlab-payloads.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';
import { connectGitLabToFake, gitlabWebhookSecret } from '../contracts/gitlab-connection.js';
import { projectReading } from '../contracts/project-reading.js';

const secrets = createSecretBox([testSecretKey]);
const docs = 'acme/docs';
const app = 'acme/app';
let db: Db;
let fake: FakeGitLab;
let adapters: ProviderAdapters;

beforeAll(async () => {
  db = await openDatabase({});
  adapters = gitlab.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
    oauthClients: { gitlab: { ...fakeOAuthClient, redirectUri: 'http://docflow.test/oauth/gitlab/callback' } },
  });
});
afterAll(async () => {
  await db.destroy();
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const destination = (integrationId: string): GitLabDestination => ({
  type: 'gitlab',
  integrationId,
  repo: docs,
  baseBranch: 'main',
  docsDir: 'docs',
});
const readDocs = (integrationId: string) =>
  (adapters.destination as DestinationAdapter<GitLabDestination>).readDocs(destination(integrationId));

async function connectWithOAuth(): Promise<string> {
  const id = newId('int');
  await insertIntegration(db, {
    id,
    provider: 'gitlab',
    baseUrl: fake.origin,
    // An access token that has expired: the first call must refresh it.
    settings: { oauth: true, baseUrl: fake.origin, expiresAt: Date.now() - 1000 },
    sealedSecrets: secrets.seal(JSON.stringify({ accessToken: 'expired', refreshToken: fake.grantRefreshToken() })),
    createdBy: 'test',
  });
  return id;
}

describe('GitLab adapters against the fake', () => {
  it('reads every page of a docs folder larger than one page of the tree (follows the keyset Link)', async () => {
    fake = await startFakeGitLab();
    const files = Object.fromEntries(
      Array.from({ length: 130 }, (_, i) => [`docs/page-${String(i).padStart(3, '0')}.md`, `# Page ${i}\n`]),
    );
    fake.addProject(docs, { files: { ...files, 'docs/deep/er/nested.md': '# Nested\n', 'README.md': '# r\n' } });
    const snapshot = await readDocs(await connectGitLabToFake(db, fake));
    expect(snapshot.pages).toHaveLength(131);
    expect(snapshot.pages.map((p) => p.path)).toContain('docs/deep/er/nested.md');
    expect(snapshot.revision).toBe(fake.branches(docs).main);
    const trees = fake.requests.filter((r) => r.path.endsWith('/repository/tree'));
    expect(trees.length).toBeGreaterThan(1);
    expect(trees.slice(1).every((r) => r.query.has('page_token'))).toBe(true);
  });

  it('finds its outcome note again past the first page of notes (follows X-Next-Page) and edits it in place', async () => {
    fake = await startFakeGitLab();
    fake.addProject(app, { files: { 'src/a.ts': 'a\n' } });
    fake.commit(app, 'feature', { 'src/a.ts': 'b\n' }, 'b');
    fake.addMergeRequest(app, { title: 'b', source: 'feature' });
    const integrationId = await connectGitLabToFake(db, fake);
    const source = adapters.source as SourceAdapter<GitLabSource>;
    const s: GitLabSource = {
      type: 'gitlab',
      integrationId,
      repo: app,
      mergeRequestIid: 1,
      base: 'main',
      head: 'feature',
    };
    const project = { ...projectReading([{ type: 'gitlab', integrationId }]), id: 'prj_notes' };
    // Others talked on the merge request first: docflow's note lands on the second page of notes.
    for (let i = 0; i < 120; i++)
      await fetch(`${fake.url}/projects/${encodeURIComponent(app)}/merge_requests/1/notes`, {
        method: 'POST',
        headers: { 'private-token': fakeGitLabCredentials.token, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `comment ${i}` }),
      });
    await source.reportOutcome!(s, project, { runId: 'run_1', status: 'no_changes', reason: 'first' });
    await source.reportOutcome!(s, project, { runId: 'run_1', status: 'no_changes', reason: 'second' });
    const notes = fake.notes(app, 1).filter((n) => n.body.includes('docflow:prj_notes'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('second');
    expect(fake.notes(app, 1)).toHaveLength(121);
    expect(fake.requests.some((r) => r.path.endsWith('/notes') && r.query.get('page') === '2')).toBe(true);
    // Links point at the connection's own GitLab (self-managed included), not gitlab.com.
    expect(source.sourceUrl!(s)).toBe(`${fake.origin}/${app}/-/merge_requests/1`);
  });

  it('webhook sources are pinned to the merge request diff refs: the merge base and the head, full SHAs', async () => {
    fake = await startFakeGitLab();
    fake.addProject(app, { files: { 'src/a.ts': 'a\n' } });
    const base = fake.branches(app).main!;
    fake.commit(app, 'feature', { 'src/a.ts': 'b\n' }, 'b');
    fake.commit(app, 'main', { 'README.md': 'moved on\n' }, 'main moves on');
    fake.addMergeRequest(app, { title: 'b', source: 'feature' });
    const integrationId = await connectGitLabToFake(db, fake);
    const { body, headers } = gitlabDelivery('Merge Request Hook', mergeRequestPayload(fake, app, 1, 'open'), {
      secret: gitlabWebhookSecret,
    });
    // GitLab before 17.4 sends no Idempotency-Key: the event UUID names the delivery.
    const { 'idempotency-key': _dropped, ...older } = headers;
    const request: WebhookRequest = { integrationId, headers: older, rawBody: Buffer.from(body) };
    const project = projectReading([], [{ type: 'gitlab', integrationId, repos: [app], on: 'opened' } as never]);
    const received = await adapters.webhook!.receive(request, async () => [project]);
    expect(received.delivery).toEqual({ id: older['x-gitlab-event-uuid'], event: 'Merge Request Hook' });
    expect(received.commands).toEqual([
      expect.objectContaining({
        kind: 'start_or_update',
        source: expect.objectContaining({ base, head: fake.branches(app).feature, mergeRequestIid: 1 }),
      }),
    ]);
  });

  it('OAuth: an expired access token is refreshed once, even for concurrent calls, and the rotated pair is kept', async () => {
    fake = await startFakeGitLab();
    fake.addProject(docs, { files: { 'docs/a.md': '# A\n' } });
    const integrationId = await connectWithOAuth();
    const [first, second] = await Promise.all([readDocs(integrationId), readDocs(integrationId)]);
    expect(first.pages).toEqual(second.pages);
    expect(fake.refreshes()).toBe(1);
    const row = await db
      .selectFrom('integrations')
      .selectAll()
      .where('id', '=', integrationId)
      .executeTakeFirstOrThrow();
    const stored = JSON.parse(secrets.open(row.sealed_secrets)) as { refreshToken: string };
    expect(stored.refreshToken).toMatch(/^gl_rt_[0-9a-f]+$/);
    expect((row.settings as { expiresAt: number }).expiresAt).toBeGreaterThan(Date.now());
    expect(
      fake.requests.some((r) => r.path.startsWith('/api/v4/') && r.headers.authorization?.startsWith('Bearer gl_at_')),
    ).toBe(true);
  });

  it('OAuth connections have no webhook secret: their deliveries are refused as unauthorized', async () => {
    fake = await startFakeGitLab();
    const integrationId = await connectWithOAuth();
    const request: WebhookRequest = {
      integrationId,
      headers: { 'x-gitlab-token': 'anything', 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'k' },
      rawBody: Buffer.from('{}'),
    };
    await expect(adapters.webhook!.receive(request, async () => [])).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a revoked token surfaces as the provider status, never retried for ever', async () => {
    fake = await startFakeGitLab();
    fake.addProject(docs, { files: { 'docs/a.md': '# A\n' } });
    const integrationId = newId('int');
    await insertIntegration(db, {
      id: integrationId,
      provider: 'gitlab',
      baseUrl: fake.url,
      settings: { auth: 'token' },
      sealedSecrets: secrets.seal(JSON.stringify({ token: 'glpat-revoked-0123456789', webhookSecret: 'x'.repeat(16) })),
      createdBy: 'test',
    });
    await expect(readDocs(integrationId)).rejects.toMatchObject({ status: 401 });
  });
});
