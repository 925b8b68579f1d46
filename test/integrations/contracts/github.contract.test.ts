import { afterAll, expect } from 'vitest';
import type { DestinationAdapter, SourceAdapter } from '../../../integrations/contract.js';
import type { GitHubDestination, GitHubSource } from '../../../integrations/github/schemas.js';
import { createCatalog } from '../../../integrations/catalog.js';
import { providers } from '../../../integrations/registry.js';
import { insertProject } from '../../../db/repositories/projects.js';
import { newId } from '../../../core/ids.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github/index.js';
import { examplePayload, signedDelivery } from '../../support/github-payloads.js';
import { createHarness } from '../../support/harness.js';
import { destinationContract } from './destination-contract.js';
import { connectToFake, contractWebhookSecret, githubAgainstFakes } from './github-connection.js';
import { projectReading } from './project-reading.js';
import { rateLimitContract } from './rate-limit-contract.js';
import { sourceContract } from './source-contract.js';
import { webhookContract } from './webhook-contract.js';

const docs = 'acme/docs';
const app = 'acme/app';
const connections = githubAgainstFakes();
afterAll(() => connections.close());

/** A fake GitHub with a docs repository; after the test, GitHub would have accepted every request. */
async function fakeWithDocs(): Promise<{ fake: FakeGitHub; close(): Promise<void> }> {
  const fake = await startFakeGitHub();
  fake.addRepo(docs, { files: { 'README.md': '# Docs\n', 'docs/a.md': '# A\n\nold line\n', 'docs/b.md': '# B\n' } });
  return {
    fake,
    async close() {
      expect(fake.violations).toEqual([]);
      await fake.close();
    },
  };
}

destinationContract('github', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  const d: GitHubDestination = {
    type: 'github',
    integrationId,
    repo: docs,
    baseBranch: 'main',
    docsDir: 'docs',
    draftUntilSourceMerged: false,
  };
  const branch = (runId: string) => `docflow/${runId}`;
  return {
    adapter: adapters.destination as DestinationAdapter<GitHubDestination>,
    destination: d,
    invalid: {
      'an unknown base branch': { ...d, baseBranch: 'trunk' },
      'a repository that does not exist': { ...d, repo: 'acme/missing' },
    },
    page: { path: 'docs/a.md', line: 'old line' },
    state: async () => ({ branches: fake.branches(docs), pulls: fake.pulls(docs) }),
    publishedPage: async (runId, page) =>
      fake.branches(docs)[branch(runId)] ? fake.readFile(docs, branch(runId), page) : undefined,
    // Pull requests for the run's branch; a branch left without one counts too.
    publications: async (runId) =>
      Math.max(
        fake.pulls(docs).filter((p) => p.head === branch(runId)).length,
        fake.branches(docs)[branch(runId)] ? 1 : 0,
      ),
    rewritePage: async () => void fake.commit(docs, 'main', { 'docs/a.md': '# A\n\nrewritten\n' }, 'rewrite'),
    close,
  };
});

const cliBefore = "program\n  .option('--port <number>', 'Port to listen on', '3000');\n";
const cliAfter = cliBefore.replace(');', ")\n  .option('--timeout <ms>', 'Request timeout', '5000');");

// GitHub sources carry commit shas only (the schema refuses branch names), so pinning has nothing to resolve.
sourceContract('github', { symbolic: false, refusesUnknownRevisions: true }, async () => {
  const fake = await startFakeGitHub();
  fake.addRepo(app, { files: { 'src/cli.ts': cliBefore, 'README.md': '# app\n' } });
  fake.commit(app, 'feature', { 'src/cli.ts': cliAfter }, 'feat: --timeout');
  const { adapters, integrationId } = await connections.connect(fake);
  const s: GitHubSource = {
    type: 'github',
    integrationId,
    repo: app,
    base: fake.branches(app).main!,
    head: fake.branches(app).feature!,
  };
  return {
    adapter: adapters.source as SourceAdapter<GitHubSource>,
    project: projectReading([{ type: 'github', integrationId }]),
    source: s,
    move: async () => {
      fake.commit(app, 'feature', { 'src/cli.ts': `${cliAfter}// later\n` }, 'later on the branch');
      fake.commit(app, 'main', { 'README.md': '# app, moved\n' }, 'later on main');
    },
    unknown: { 'an unknown head commit': { ...s, head: 'f'.repeat(40) } },
    async close() {
      expect(fake.violations).toEqual([]);
      await fake.close();
    },
  };
});

rateLimitContract('github', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  const destination = adapters.destination as DestinationAdapter<GitHubDestination>;
  const d: GitHubDestination = {
    type: 'github',
    integrationId,
    repo: docs,
    baseBranch: 'main',
    docsDir: 'docs',
    draftUntilSourceMerged: false,
  };
  return {
    call: () => destination.readDocs(d),
    limitNext: (response) =>
      fake.failNext(
        { method: 'GET', pathPattern: /^\/repos\/acme\/docs\// },
        { ...response, body: { message: 'API rate limit exceeded' } },
      ),
    close,
  };
});

webhookContract('github', async () => {
  const harness = await createHarness();
  // Planning an opened pull request needs no call to GitHub: the connection may point nowhere.
  const integrationId = await connectToFake(harness.db, { url: 'http://127.0.0.1:9' });
  const input = createCatalog(providers).projectInputSchema.parse({
    name: 'webhook contract',
    triggers: [{ type: 'github', integrationId, repos: ['Codertocat/Hello-World'] }],
    context: [{ type: 'github', integrationId }],
    destinations: [{ type: 'github', integrationId, repo: docs }],
  });
  const project = await insertProject(harness.db, newId('prj'), input);
  const delivery = (deliveryId: string, secret = contractWebhookSecret) => {
    const { body, headers } = signedDelivery(
      'pull_request',
      examplePayload('pull_request', (p) => p.action === 'opened'),
      secret,
      deliveryId,
    );
    return { headers: headers as Record<string, string | undefined>, rawBody: Buffer.from(body) };
  };
  return {
    harness,
    provider: 'github',
    integrationId,
    projectId: project.id,
    signed: (id) => delivery(id),
    unsigned: (id) => {
      const unsigned = delivery(id);
      delete unsigned.headers['x-hub-signature-256'];
      return unsigned;
    },
    wronglySigned: (id) => delivery(id, 'another-secret-entirely-0123456789'),
    close: () => harness.close(),
  };
});
