import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { examplePayload, signedDelivery } from '../support/github-payloads.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const appId = 4242;
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const webhookSecret = 'docs-prs-e2e-webhook-secret';
const source = 'acme/app';
const docs = 'acme/docs';
const joinDocs = 'acme/join-docs';
const cliBefore =
  "program\n  .option('--port <number>', 'Port to listen on', '3000')\n  .option('--host <name>', 'Interface to bind', 'localhost');\n";
const withTimeout = cliBefore.replace(
  "  .option('--host",
  "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')\n  .option('--host",
);
const withVerbose = cliBefore.replace(
  "  .option('--host <name>', 'Interface to bind', 'localhost');",
  "  .option('--host <name>', 'Interface to bind', 'localhost')\n  .option('--verbose', 'Log every request', 'false');",
);
const cliPage =
  '# CLI\n\n- `--port <number>`: Port to listen on. Default: `3000`.\n- `--host <name>`: Interface to bind. Default: `localhost`.\n';

let fake: FakeGitHub;
let harness: Harness;
let api: TestApi;
let integrationId: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ appId, publicKeyPem: publicKey });
  fake.addRepo(source, { files: { 'src/cli.ts': cliBefore }, installationId: 1 });
  fake.addRepo(docs, { files: { 'docs/cli.md': cliPage, 'docs/intro.md': '# Intro\n' }, installationId: 1 });
  fake.addRepo(joinDocs, { files: { 'docs/cli.md': cliPage }, installationId: 1 });
  fake.commit(source, 'timeout', { 'src/cli.ts': withTimeout }, 'feat(cli): add --timeout');
  fake.commit(source, 'verbose', { 'src/cli.ts': withVerbose }, 'feat(cli): add --verbose');
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
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

async function createProject(repo: string, limits: Record<string, unknown>) {
  const project = await api.call('POST', '/v1/projects', {
    name: `docs PRs ${repo}`,
    context: [{ type: 'github', integrationId }],
    destinations: [{ type: 'github', integrationId, repo, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: false },
    limits,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  return project.body.id as string;
}

async function startRun(projectId: string, branch: 'timeout' | 'verbose'): Promise<string> {
  const branches = fake.branches(source);
  const started = await api.call('POST', `/v1/projects/${projectId}/runs`, {
    source: { type: 'github', integrationId, repo: source, base: branches.main, head: branches[branch] },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return started.body.id;
}

const runReaches = (runId: string, status: string) =>
  eventually(
    async () => {
      const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
      if (run.status === 'failed') throw new Error(`run failed: ${run.reason}: ${run.message}`);
      return run.status === status ? run : undefined;
    },
    `${runId} ${status}`,
    45_000,
  );

function closedEvent(repo: string, branch: string, merged: boolean) {
  return examplePayload(
    'pull_request',
    (p) => p.action === 'closed',
    (p) => {
      p.repository.full_name = repo;
      p.pull_request.head.ref = branch;
      p.pull_request.merged = merged;
    },
  );
}

async function deliver(event: string, payload: unknown) {
  const { body, headers } = signedDelivery(event, payload, webhookSecret);
  const res = await fetch(`${api.url}/webhooks/github/${integrationId}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

describe('docs PR limits, through the API against the fake GitHub', () => {
  let projectId: string;
  const runs: string[] = [];

  it('refuses limits a destination cannot follow, and bad limits, with a 400 that changes nothing', async () => {
    const bad = await api.call('POST', '/v1/projects', {
      name: 'bad limits',
      context: [{ type: 'github', integrationId }],
      destinations: [{ type: 'github', integrationId, repo: docs, baseBranch: 'main', docsDir: 'docs' }],
      limits: { openDocsPRs: 0, whenFull: 'wait' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/openDocsPRs/);
    expect(JSON.stringify(bad.body)).toMatch(/whenFull/);
    expect((await api.call('GET', '/v1/projects')).body.projects).toHaveLength(0);
  });

  it('queues the sixth run while five docs PRs are open, and releases it when one closes', async () => {
    projectId = await createProject(docs, { openDocsPRs: 5, docsPRExpiry: '2h' });
    for (let i = 0; i < 5; i++) {
      runs.push(await startRun(projectId, 'timeout'));
      await runReaches(runs[i]!, 'published');
    }
    expect(fake.pulls(docs).filter((p) => p.state === 'open')).toHaveLength(5);
    runs.push(await startRun(projectId, 'timeout'));
    const queued = await runReaches(runs[5]!, 'queued');
    expect(queued.reason).toBe('docs_pr_limit');
    expect(queued.message).toBe(`5 docflow docs PRs are open in ${docs} (limit 5)`);
    const listed = (await api.call('GET', `/v1/projects/${projectId}/docs-prs`)).body.docsPRs;
    expect(listed.filter((pr: any) => pr.state === 'open').map((pr: any) => pr.runId)).toEqual(runs.slice(0, 5));

    // Still queued a moment later: nothing but a closed docs PR lets it through.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api.call('GET', `/v1/runs/${runs[5]}`)).body.status).toBe('queued');

    const first = fake.pulls(docs).find((p) => p.head === `docflow/${runs[0]}`)!;
    const delivery = await deliver('pull_request', closedEvent(docs, first.head, false));
    expect(delivery.status).toBe(202);
    expect(JSON.stringify(delivery.body.actions)).toContain(`released ${runs[5]}`);
    await runReaches(runs[5]!, 'published');
    const states = (await api.call('GET', `/v1/projects/${projectId}/docs-prs`)).body.docsPRs;
    expect(states.find((pr: any) => pr.runId === runs[0]).state).toBe('closed');
    expect(states.filter((pr: any) => pr.state === 'open')).toHaveLength(5);
    expect(fake.violations).toEqual([]);
  });

  it('rebuilds a docs PR on the new base when the base branch changed its page', async () => {
    const pr = `docflow/${runs[1]}`;
    const before = fake.branches(docs)[pr]!;
    const moved = fake.commit(
      docs,
      'main',
      { 'docs/cli.md': `${cliPage}\nSee also the configuration file.\n` },
      'docs: more',
    );
    const check = await api.call('POST', `/v1/projects/${projectId}/docs-prs/check`);
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.counts.rebuilt).toBe(5);
    const after = fake.branches(docs)[pr]!;
    expect(after).not.toBe(before);
    const page = fake.readFile(docs, pr, 'docs/cli.md')!;
    expect(page).toContain('See also the configuration file.');
    expect(page).toContain('--timeout');
    // Checked again with nothing moved, nothing is rebuilt.
    const again = await api.call('POST', `/v1/projects/${projectId}/docs-prs/check`);
    expect(again.body.counts.current).toBe(5);
    expect(fake.branches(docs)[pr]).toBe(after);
    expect(moved).toBe(fake.branches(docs).main);
    expect(fake.violations).toEqual([]);
  });

  it('closes a docs PR left unreviewed past docsPRExpiry, with a comment saying why', async () => {
    const [old, reviewed] = [runs[2]!, runs[3]!];
    await harness.db
      .updateTable('docs_prs')
      .set({ opened_at: new Date(Date.now() - 3 * 3_600_000) })
      .where('run_id', 'in', [old, reviewed])
      .execute();
    const reviewedPull = fake.pulls(docs).find((p) => p.head === `docflow/${reviewed}`)!;
    fake.addReview(docs, reviewedPull.number, { user: 'docs-lead', state: 'COMMENTED', body: 'Looking.' });
    const check = await api.call('POST', `/v1/projects/${projectId}/docs-prs/check`);
    expect(check.body.counts.expired).toBe(1);
    const pull = fake.pulls(docs).find((p) => p.head === `docflow/${old}`)!;
    expect(pull.state).toBe('closed');
    expect(fake.comments(docs, pull.number).map((c) => c.body)).toEqual([
      expect.stringContaining('nobody reviewed it within 2h'),
    ]);
    const states = (await api.call('GET', `/v1/projects/${projectId}/docs-prs`)).body.docsPRs;
    expect(states.find((pr: any) => pr.runId === old).state).toBe('expired');
    // Reviewed, though as old: left open.
    expect(states.find((pr: any) => pr.runId === reviewed).state).toBe('open');
    expect(fake.pulls(docs).find((p) => p.number === reviewedPull.number)!.state).toBe('open');
    expect(fake.violations).toEqual([]);
  });

  it('with whenFull "join", adds the run as another commit of the oldest open docs PR, whose body lists its source', async () => {
    const joinProject = await createProject(joinDocs, { openDocsPRs: 1, whenFull: 'join' });
    const first = await startRun(joinProject, 'timeout');
    await runReaches(first, 'published');
    const second = await startRun(joinProject, 'verbose');
    const joined = await runReaches(second, 'published');
    expect(joined.message).toContain(first);
    const pulls = fake.pulls(joinDocs);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.body).toMatch(/Also: .*acme\/app/);
    const page = fake.readFile(joinDocs, `docflow/${first}`, 'docs/cli.md')!;
    expect(page).toContain('--timeout');
    expect(page).toContain('--verbose');
    const listed = (await api.call('GET', `/v1/projects/${joinProject}/docs-prs`)).body.docsPRs;
    expect(listed).toEqual([
      expect.objectContaining({ runId: first, state: 'open', joined: [expect.objectContaining({ runId: second })] }),
    ]);
    expect(fake.violations).toEqual([]);
  });
});
