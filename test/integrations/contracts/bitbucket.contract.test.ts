import { afterAll, expect } from 'vitest';
import type { DestinationAdapter, SourceAdapter } from '../../../integrations/contract.js';
import type { BitbucketDestination, BitbucketSource } from '../../../integrations/bitbucket/schemas.js';
import { createCatalog } from '../../../integrations/catalog.js';
import { providers } from '../../../integrations/registry.js';
import { insertProject } from '../../../db/repositories/projects.js';
import { newId } from '../../../core/ids.js';
import { startFakeBitbucket, type FakeBitbucket } from '../../support/fake-bitbucket/index.js';
import { pullRequestPayload, signedBitbucketDelivery } from '../../support/bitbucket-payloads.js';
import { createHarness } from '../../support/harness.js';
import { bitbucketAgainstFakes, bitbucketWebhookSecret, connectBitbucketToFake } from './bitbucket-connection.js';
import { bitbucketApi } from '../../../integrations/bitbucket/api.js';
import { bitbucketGitStore } from '../../../integrations/bitbucket/git-store.js';
import { fakeBitbucketCredentials } from '../../support/fake-bitbucket/index.js';
import { destinationContract } from './destination-contract.js';
import { gitUndoContract } from './git-undo-contract.js';
import { projectReading } from './project-reading.js';
import { rateLimitContract } from './rate-limit-contract.js';
import { sourceContract } from './source-contract.js';
import { webhookContract } from './webhook-contract.js';

const docs = 'acme/docs';
const app = 'acme/app';
const connections = bitbucketAgainstFakes();
afterAll(() => connections.close());

/** A fake Bitbucket with a docs repository; after the test, Bitbucket would have accepted every request. */
async function fakeWithDocs(): Promise<{ fake: FakeBitbucket; close(): Promise<void> }> {
  const fake = await startFakeBitbucket();
  fake.addRepo(docs, {
    files: { 'README.md': '# Docs\n', 'docs/a.md': '# A\n\nold line\n', 'docs/guides/b.md': '# B\n' },
  });
  return {
    fake,
    async close() {
      expect(fake.violations).toEqual([]);
      await fake.close();
    },
  };
}

const destinationOf = (integrationId: string): BitbucketDestination => ({
  type: 'bitbucket',
  integrationId,
  repo: docs,
  baseBranch: 'main',
  docsDir: 'docs',
});

destinationContract('bitbucket', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  const d = destinationOf(integrationId);
  const branch = (runId: string) => `docflow/${runId}`;
  return {
    adapter: adapters.destination as DestinationAdapter<BitbucketDestination>,
    destination: d,
    invalid: {
      'an unknown base branch': { ...d, baseBranch: 'trunk' },
      'a repository that does not exist': { ...d, repo: 'acme/missing' },
    },
    page: { path: 'docs/a.md', line: 'old line' },
    state: async () => ({ branches: fake.branches(docs), pulls: structuredClone(fake.pulls(docs)) }),
    publishedPage: async (runId, page) =>
      fake.branches(docs)[branch(runId)] ? fake.readFile(docs, branch(runId), page) : undefined,
    publications: async (runId) =>
      Math.max(
        fake.pulls(docs).filter((p) => p.source === branch(runId)).length,
        fake.branches(docs)[branch(runId)] ? 1 : 0,
      ),
    rewritePage: async () => void fake.commit(docs, 'main', { 'docs/a.md': '# A\n\nrewritten\n' }, 'rewrite'),
    close,
  };
});

gitUndoContract('bitbucket', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  return {
    adapter: adapters.destination as DestinationAdapter<BitbucketDestination>,
    destination: destinationOf(integrationId),
    label: docs,
    page: { path: 'docs/a.md', line: 'old line' },
    branchHead: async (branch) => fake.branches(docs)[branch],
    reviewState: async (branch) => fake.pulls(docs).find((p) => p.source === branch)?.state,
    withdrawn: { state: 'DECLINED', said: 'declined pull request' },
    store: bitbucketGitStore(
      bitbucketApi(
        fake.url,
        async () => {
          const { email, apiToken } = fakeBitbucketCredentials;
          return `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
        },
        fetch,
      ),
      docs,
    ),
    commitByOthers: async (branch) => void fake.commit(docs, branch, { 'docs/a.md': '# A\n\nfixed\n' }, 'a fix'),
    close,
  };
});

const cliBefore = "program\n  .option('--port <number>', 'Port to listen on', '3000');\n";
const cliAfter = cliBefore.replace(');', ")\n  .option('--timeout <ms>', 'Request timeout', '5000');");

// Bitbucket sources may name branches (and webhooks send abbreviated hashes): pinning resolves them to full hashes.
sourceContract('bitbucket', { symbolic: true, refusesUnknownRevisions: true }, async () => {
  const fake = await startFakeBitbucket();
  fake.addRepo(app, { files: { 'src/cli.ts': cliBefore, 'README.md': '# app\n' } });
  fake.commit(app, 'feature', { 'src/cli.ts': cliAfter }, 'feat: --timeout');
  const { adapters, integrationId } = await connections.connect(fake);
  const s: BitbucketSource = { type: 'bitbucket', integrationId, repo: app, base: 'main', head: 'feature' };
  return {
    adapter: adapters.source as SourceAdapter<BitbucketSource>,
    project: projectReading([{ type: 'bitbucket', integrationId }]),
    source: s,
    move: async () => {
      fake.commit(app, 'feature', { 'src/cli.ts': `${cliAfter}// later\n` }, 'later on the branch');
      fake.commit(app, 'main', { 'README.md': '# app, moved\n' }, 'later on main');
    },
    unknown: {
      'an unknown head commit': { ...s, head: 'f'.repeat(40) },
      'an unknown branch': { ...s, base: 'no-such-branch' },
    },
    async close() {
      expect(fake.violations).toEqual([]);
      await fake.close();
    },
  };
});

rateLimitContract('bitbucket', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  const destination = adapters.destination as DestinationAdapter<BitbucketDestination>;
  return {
    call: () => destination.readDocs(destinationOf(integrationId)),
    limitNext: (response) =>
      fake.failNext({ method: 'GET', pathPattern: /^\/2\.0\/repositories\/acme\/docs\// }, response),
    close,
  };
});

webhookContract('bitbucket', async () => {
  const fake = await startFakeBitbucket();
  fake.addRepo(app, { files: { 'src/cli.ts': cliBefore } });
  fake.commit(app, 'feature', { 'src/cli.ts': cliAfter }, 'feat: --timeout');
  fake.addPull(app, { title: 'Add --timeout', source: 'feature' });
  const harness = await createHarness();
  const integrationId = await connectBitbucketToFake(harness.db, fake);
  const input = createCatalog(providers).projectInputSchema.parse({
    name: 'webhook contract',
    triggers: [{ type: 'bitbucket', integrationId, repos: [app] }],
    context: [{ type: 'bitbucket', integrationId }],
    destinations: [{ type: 'bitbucket', integrationId, repo: docs }],
  });
  const project = await insertProject(harness.db, newId('prj'), input);
  // Each delivery id names a distinct update of the pull request (Bitbucket dedupes on its content).
  const delivery = (id: string, secret = bitbucketWebhookSecret) => {
    const payload = pullRequestPayload(
      fake,
      app,
      1,
      (p) => (p.pullrequest.updated_on = `2026-01-01T00:00:00+00:00#${id}`),
    );
    const { body, headers } = signedBitbucketDelivery('pullrequest:created', payload, secret, id);
    return { headers: headers as Record<string, string | undefined>, rawBody: Buffer.from(body) };
  };
  return {
    harness,
    provider: 'bitbucket',
    integrationId,
    projectId: project.id,
    signed: (id) => delivery(id),
    unsigned: (id) => {
      const unsigned = delivery(id);
      delete unsigned.headers['x-hub-signature'];
      return unsigned;
    },
    wronglySigned: (id) => delivery(id, 'another-secret-entirely-0123456789'),
    async close() {
      await harness.close();
      expect(fake.violations).toEqual([]);
      await fake.close();
    },
  };
});
