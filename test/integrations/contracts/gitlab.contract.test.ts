import { afterAll, expect } from 'vitest';
import type { DestinationAdapter, SourceAdapter } from '../../../integrations/contract.js';
import type { GitLabDestination, GitLabSource } from '../../../integrations/gitlab/schemas.js';
import { createCatalog } from '../../../integrations/catalog.js';
import { providers } from '../../../integrations/registry.js';
import { insertProject } from '../../../db/repositories/projects.js';
import { newId } from '../../../core/ids.js';
import { startFakeGitLab, type FakeGitLab } from '../../support/fake-gitlab/index.js';
import { gitlabDelivery, mergeRequestPayload } from '../../support/gitlab-payloads.js';
import { createHarness } from '../../support/harness.js';
import { connectGitLabToFake, gitlabAgainstFakes, gitlabWebhookSecret } from './gitlab-connection.js';
import { gitlabApi } from '../../../integrations/gitlab/api.js';
import { gitlabGitStore } from '../../../integrations/gitlab/git-store.js';
import { fakeGitLabCredentials } from '../../support/fake-gitlab/index.js';
import { destinationContract } from './destination-contract.js';
import { gitUndoContract } from './git-undo-contract.js';
import { projectReading } from './project-reading.js';
import { rateLimitContract } from './rate-limit-contract.js';
import { sourceContract } from './source-contract.js';
import { webhookContract } from './webhook-contract.js';

// Subgroups: project paths have more than one slash, and travel URL-encoded as one segment.
const docs = 'acme/handbook/docs';
const app = 'acme/app';
const signingToken = `whsec_${Buffer.from('gitlab-contract-signing-key-0123').toString('base64')}`;
const connections = gitlabAgainstFakes();
afterAll(() => connections.close());

/** A fake GitLab with a docs project; after the test, GitLab would have accepted every request. */
async function fakeWithDocs(): Promise<{ fake: FakeGitLab; close(): Promise<void> }> {
  const fake = await startFakeGitLab();
  fake.addProject(docs, {
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

const destinationOf = (integrationId: string): GitLabDestination => ({
  type: 'gitlab',
  integrationId,
  repo: docs,
  baseBranch: 'main',
  docsDir: 'docs',
});

destinationContract('gitlab', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  const d = destinationOf(integrationId);
  const branch = (runId: string) => `docflow/${runId}`;
  return {
    adapter: adapters.destination as DestinationAdapter<GitLabDestination>,
    destination: d,
    invalid: {
      'an unknown base branch': { ...d, baseBranch: 'trunk' },
      'a project that does not exist': { ...d, repo: 'acme/missing' },
    },
    page: { path: 'docs/a.md', line: 'old line' },
    state: async () => ({
      branches: fake.branches(docs),
      mergeRequests: structuredClone(fake.mergeRequests(docs)),
    }),
    publishedPage: async (runId, page) =>
      fake.branches(docs)[branch(runId)] ? fake.readFile(docs, branch(runId), page) : undefined,
    // Commits on the run's branch and merge requests from it: a replaced draft leaves one of each.
    publications: async (runId) =>
      Math.max(
        fake.mergeRequests(docs).filter((m) => m.sourceBranch === branch(runId)).length,
        fake.commitsAhead(docs, branch(runId), 'main').length,
      ),
    rewritePage: async () => void fake.commit(docs, 'main', { 'docs/a.md': '# A\n\nrewritten\n' }, 'rewrite'),
    close,
  };
});

gitUndoContract('gitlab', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  const review = (branch: string) => fake.mergeRequests(docs).find((m) => m.sourceBranch === branch);
  return {
    adapter: adapters.destination as DestinationAdapter<GitLabDestination>,
    destination: destinationOf(integrationId),
    label: docs,
    page: { path: 'docs/a.md', line: 'old line' },
    branchHead: async (branch) => fake.branches(docs)[branch],
    reviewState: async (branch) => review(branch)?.state,
    withdrawn: { state: 'closed', said: 'closed merge request' },
    store: gitlabGitStore(
      gitlabApi(fake.url, async () => ({ name: 'private-token', value: fakeGitLabCredentials.token }), fetch),
      docs,
    ),
    commitByOthers: async (branch) => void fake.commit(docs, branch, { 'docs/a.md': '# A\n\nfixed\n' }, 'a fix'),
    close,
  };
});

const cliBefore = "program\n  .option('--port <number>', 'Port to listen on', '3000');\n";
const cliAfter = cliBefore.replace(');', ")\n  .option('--timeout <ms>', 'Request timeout', '5000');");

// GitLab sources may name branches: pinning resolves them to full SHAs.
sourceContract('gitlab', { symbolic: true, refusesUnknownRevisions: true }, async () => {
  const fake = await startFakeGitLab();
  fake.addProject(app, { files: { 'src/cli.ts': cliBefore, 'README.md': '# app\n' } });
  fake.commit(app, 'feature', { 'src/cli.ts': cliAfter }, 'feat: --timeout');
  const { adapters, integrationId } = await connections.connect(fake);
  const s: GitLabSource = { type: 'gitlab', integrationId, repo: app, base: 'main', head: 'feature' };
  return {
    adapter: adapters.source as SourceAdapter<GitLabSource>,
    project: projectReading([{ type: 'gitlab', integrationId }]),
    source: s,
    move: async () => {
      fake.commit(app, 'feature', { 'src/cli.ts': `${cliAfter}// later\n` }, 'later on the branch');
      fake.commit(app, 'main', { 'README.md': '# app, moved\n' }, 'later on main');
    },
    unknown: {
      'an unknown head commit': { ...s, head: 'f'.repeat(40) },
      'an unknown branch': { ...s, base: 'no-such-branch' },
      'a project that does not exist': { ...s, repo: 'acme/missing' },
    },
    async close() {
      expect(fake.violations).toEqual([]);
      await fake.close();
    },
  };
});

rateLimitContract('gitlab', async () => {
  const { fake, close } = await fakeWithDocs();
  const { adapters, integrationId } = await connections.connect(fake);
  const destination = adapters.destination as DestinationAdapter<GitLabDestination>;
  return {
    call: () => destination.readDocs(destinationOf(integrationId)),
    limitNext: (response) =>
      fake.failNext({ method: 'GET', pathPattern: /^\/api\/v4\/projects\/acme%2Fhandbook%2Fdocs\// }, response),
    close,
  };
});

for (const signed of [false, true]) {
  webhookContract(signed ? 'gitlab (with a signing token)' : 'gitlab', async () => {
    const fake = await startFakeGitLab();
    fake.addProject(app, { files: { 'src/cli.ts': cliBefore } });
    fake.commit(app, 'feature', { 'src/cli.ts': cliAfter }, 'feat: --timeout');
    fake.addMergeRequest(app, { title: 'Add --timeout', source: 'feature' });
    const harness = await createHarness();
    const integrationId = await connectGitLabToFake(harness.db, fake, signed ? signingToken : undefined);
    const input = createCatalog(providers).projectInputSchema.parse({
      name: 'webhook contract',
      triggers: [{ type: 'gitlab', integrationId, repos: [app] }],
      context: [{ type: 'gitlab', integrationId }],
      destinations: [{ type: 'gitlab', integrationId, repo: docs }],
    });
    const project = await insertProject(harness.db, newId('prj'), input);
    const delivery = (id: string, secret = gitlabWebhookSecret, token = signed ? signingToken : undefined) => {
      const { body, headers } = gitlabDelivery('Merge Request Hook', mergeRequestPayload(fake, app, 1, 'open'), {
        secret,
        idempotencyKey: id,
        ...(token ? { signingToken: token } : {}),
      });
      return { headers: headers as Record<string, string | undefined>, rawBody: Buffer.from(body) };
    };
    const otherToken = `whsec_${Buffer.from('another-signing-key-entirely-012').toString('base64')}`;
    return {
      harness,
      provider: 'gitlab',
      integrationId,
      projectId: project.id,
      signed: (id) => delivery(id),
      unsigned: (id) => {
        const unsigned = delivery(id);
        delete unsigned.headers[signed ? 'webhook-signature' : 'x-gitlab-token'];
        return unsigned;
      },
      wronglySigned: (id) =>
        signed ? delivery(id, gitlabWebhookSecret, otherToken) : delivery(id, 'another-secret-entirely-0123456789'),
      async close() {
        await harness.close();
        expect(fake.violations).toEqual([]);
        await fake.close();
      },
    };
  });
}
