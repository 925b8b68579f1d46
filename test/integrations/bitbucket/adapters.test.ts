import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import type { DestinationAdapter, ProviderAdapters, WebhookRequest } from '../../../integrations/contract.js';
import { bitbucket } from '../../../integrations/bitbucket/index.js';
import type { BitbucketDestination } from '../../../integrations/bitbucket/schemas.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { startFakeBitbucket, type FakeBitbucket } from '../../support/fake-bitbucket/index.js';
import { fakeOAuthClient } from '../../support/fake-bitbucket/routes/oauth-token.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';
import { connectBitbucketToFake } from '../contracts/bitbucket-connection.js';

const secrets = createSecretBox([testSecretKey]);
const docs = 'acme/docs';
let db: Db;
let fake: FakeBitbucket;
let adapters: ProviderAdapters;

beforeAll(async () => {
  db = await openDatabase({});
  adapters = bitbucket.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
    oauthClients: { bitbucket: { ...fakeOAuthClient, redirectUri: 'http://docflow.test/oauth/bitbucket/callback' } },
  });
});
afterAll(async () => {
  await db.destroy();
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const destination = (integrationId: string): BitbucketDestination => ({
  type: 'bitbucket',
  integrationId,
  repo: docs,
  baseBranch: 'main',
  docsDir: 'docs',
});
const readDocs = (integrationId: string) =>
  (adapters.destination as DestinationAdapter<BitbucketDestination>).readDocs(destination(integrationId));

async function connectWithOAuth(): Promise<string> {
  const id = newId('int');
  await insertIntegration(db, {
    id,
    provider: 'bitbucket',
    baseUrl: fake.origin,
    // An access token that has expired: the first call must refresh it.
    settings: { oauth: true, baseUrl: fake.origin, expiresAt: Date.now() - 1000 },
    sealedSecrets: secrets.seal(JSON.stringify({ accessToken: 'expired', refreshToken: fake.grantRefreshToken() })),
    createdBy: 'test',
  });
  return id;
}

describe('Bitbucket adapters against the fake', () => {
  it('reads every page of a docs folder larger than one page of the listing (follows next)', async () => {
    fake = await startFakeBitbucket();
    const files = Object.fromEntries(
      Array.from({ length: 130 }, (_, i) => [`docs/page-${String(i).padStart(3, '0')}.md`, `# Page ${i}\n`]),
    );
    fake.addRepo(docs, { files: { ...files, 'docs/deep/er/nested.md': '# Nested\n' } });
    const snapshot = await readDocs(await connectBitbucketToFake(db, fake));
    expect(snapshot.pages).toHaveLength(131);
    expect(snapshot.pages.map((p) => p.path)).toContain('docs/deep/er/nested.md');
    expect(snapshot.revision).toBe(fake.branches(docs).main);
  });

  it('OAuth: an expired access token is refreshed once, even for concurrent calls, and the rotated pair is kept', async () => {
    fake = await startFakeBitbucket();
    fake.addRepo(docs, { files: { 'docs/a.md': '# A\n' } });
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
    expect(stored.refreshToken).toMatch(/^bb_rt_/);
    expect((row.settings as { expiresAt: number }).expiresAt).toBeGreaterThan(Date.now());
  });

  it('OAuth connections have no webhook secret: their deliveries are refused as unauthorized', async () => {
    fake = await startFakeBitbucket();
    const integrationId = await connectWithOAuth();
    const request: WebhookRequest = {
      integrationId,
      headers: { 'x-hub-signature': 'sha256=00', 'x-event-key': 'repo:push', 'x-request-uuid': 'u' },
      rawBody: Buffer.from('{}'),
    };
    await expect(adapters.webhook!.receive(request, async () => [])).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a refused token surfaces as the provider status, never retried for ever', async () => {
    fake = await startFakeBitbucket();
    fake.addRepo(docs, { files: { 'docs/a.md': '# A\n' } });
    const integrationId = newId('int');
    await insertIntegration(db, {
      id: integrationId,
      provider: 'bitbucket',
      baseUrl: fake.url,
      settings: { auth: 'access_token' },
      sealedSecrets: secrets.seal(JSON.stringify({ token: 'revoked-token-0123456789', webhookSecret: 'x'.repeat(16) })),
      createdBy: 'test',
    });
    await expect(readDocs(integrationId)).rejects.toMatchObject({ status: 401 });
  });
});
