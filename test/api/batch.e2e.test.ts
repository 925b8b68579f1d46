import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { examplePayload, signedDelivery } from '../support/github-payloads.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const appId = 4242;
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const webhookSecret = 'batch-e2e-webhook-secret';
const source = 'Codertocat/Hello-World';
const docs = 'Codertocat/docs';
const cliBefore =
  "program\n  .option('--port <number>', 'Port to listen on', '3000')\n  .option('--host <name>', 'Interface to bind', 'localhost');\n";
/** Each pull request adds one flag after `--port`, on a branch of its own from main. */
const flags = {
  2: "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')",
  3: "  .option('--retries <count>', 'Attempts before giving up', '3')",
  4: "  .option('--verbose', 'Print every request', false)",
  5: "  .option('--proxy <url>', 'Proxy to send requests through', '')",
  6: "  .option('--color <when>', 'Colour the output', 'auto')",
} as const;

let fake: FakeGitHub;
let harness: Harness;
let api: TestApi;
let integrationId: string;
let worker: Awaited<ReturnType<Harness['startWorker']>>;

beforeAll(async () => {
  fake = await startFakeGitHub({ appId, publicKeyPem: publicKey });
  fake.addRepo(source, { files: { 'src/cli.ts': cliBefore }, installationId: 1 });
  fake.addRepo(docs, {
    files: {
      'docs/cli.md':
        '# CLI\n\n- `--port <number>`: Port to listen on. Default: `3000`.\n- `--host <name>`: Interface to bind. Default: `localhost`.\n',
    },
    installationId: 1,
  });
  for (const [number, flag] of Object.entries(flags)) {
    const branch = `flag-${number}`;
    fake.commit(
      source,
      branch,
      { 'src/cli.ts': cliBefore.replace("  .option('--host", `${flag}\n  .option('--host`) },
      branch,
    );
    fake.addPull(source, { number: Number(number), title: `Add flag ${number}`, head: branch, base: 'main' });
  }
  harness = await createHarness();
  worker = await harness.startWorker();
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

async function batchingProject(name: string, batch: Record<string, unknown>) {
  const project = await api.call('POST', '/v1/projects', {
    name,
    triggers: [{ type: 'github', integrationId, repos: [source], on: 'merged', feedback: false }],
    context: [{ type: 'github', integrationId }],
    destinations: [{ type: 'github', integrationId, repo: docs, baseBranch: 'main', docsDir: 'docs' }],
    batch,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  return project.body.id as string;
}

/** GitHub's `pull_request` `closed` event for a merged pull request of the fixture. */
function merged(number: number) {
  const branches = fake.branches(source);
  return examplePayload(
    'pull_request',
    (p) => p.action === 'closed',
    (p) => {
      p.repository.full_name = source;
      p.pull_request.number = number;
      p.pull_request.merged = true;
      p.pull_request.base.sha = branches.main;
      p.pull_request.head.sha = branches[`flag-${number}`];
      p.pull_request.head.ref = `flag-${number}`;
    },
  );
}

async function deliver(payload: unknown) {
  const { body, headers } = signedDelivery('pull_request', payload, webhookSecret);
  const res = await fetch(`${api.url}/webhooks/github/${integrationId}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

const batchRuns = async (projectId: string) =>
  ((await api.call('GET', `/v1/runs?projectId=${projectId}`)).body.runs as any[]).filter((r) => r.trigger === 'batch');

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

describe('batching a project’s changes through the HTTP API', () => {
  it('three merged pull requests in one window become one run and one docs pull request citing all three', async () => {
    const projectId = await batchingProject('batched', { window: '8s' });
    expect((await api.call('GET', `/v1/projects/${projectId}/batch`)).body).toEqual({ open: false });
    for (const number of [2, 3, 4]) expect((await deliver(merged(number))).status).toBe(202);
    // The same change delivered again (a new delivery id) is counted once.
    const again = await deliver(merged(3));
    expect(again.body.actions).toEqual([expect.stringMatching(new RegExp(`^batched ${source}#3 into batch-`))]);

    const open = (await api.call('GET', `/v1/projects/${projectId}/batch`)).body;
    expect(open).toMatchObject({ open: true, maxChanges: 50 });
    expect(open.changes.map((c: { key: string }) => c.key)).toEqual([`${source}#2`, `${source}#3`, `${source}#4`]);
    expect(Date.parse(open.closesAt) - Date.parse(open.startedAt)).toBeGreaterThan(4_000);
    expect(await batchRuns(projectId)).toEqual([]); // nothing runs before the window closes

    const [run] = await eventually(async () => {
      const runs = await batchRuns(projectId);
      return runs.length ? runs : undefined;
    }, 'the batch run');
    const awaiting = await runReaches(run.id, 'awaiting_review');
    expect(awaiting.sources.map((s: { label: string }) => s.label)).toEqual([
      `${source}#2`,
      `${source}#3`,
      `${source}#4`,
    ]);
    const cited = new Set(
      awaiting.suggestion.edits.flatMap((e: any) => e.citations.map((c: any) => c.path.split('/')[0])),
    );
    expect([...cited].sort()).toEqual(['source-1', 'source-2', 'source-3']);
    const after = awaiting.suggestion.edits.map((e: any) => e.after).join('\n');
    for (const flag of ['--timeout', '--retries', '--verbose']) expect(after).toContain(flag);

    expect((await api.call('POST', `/v1/runs/${run.id}/approve`)).status).toBe(200);
    await runReaches(run.id, 'published');
    const pulls = fake.pulls(docs).filter((p) => p.head === `docflow/${run.id}`);
    expect(pulls).toHaveLength(1);
    for (const number of [2, 3, 4]) expect(pulls[0]!.body).toContain(`${source}#${number}`);
    expect(pulls[0]!.body).toContain('## Sources');
    expect(await batchRuns(projectId)).toHaveLength(1);
    expect((await api.call('GET', `/v1/projects/${projectId}/batch`)).body).toEqual({ open: false });
  });

  it('maxChanges closes the window early; changes delivered while no worker runs are kept', async () => {
    const projectId = await batchingProject('capped', { window: '1h', maxChanges: 2 });
    await worker.stop();
    for (const number of [5, 6]) expect((await deliver(merged(number))).status).toBe(202);
    worker = await harness.startWorker();
    const [run] = await eventually(
      async () => {
        const runs = await batchRuns(projectId);
        return runs.length ? runs : undefined;
      },
      'the capped batch run',
      20_000,
    );
    expect(run.source.members).toHaveLength(2);
    await runReaches(run.id, 'awaiting_review');
    expect((await api.call('GET', `/v1/projects/${projectId}/batch`)).body).toEqual({ open: false });
  });

  it("a deleted project's open batch closes with nothing to run", async () => {
    const projectId = await batchingProject('deleted', { window: '2s' });
    expect((await deliver(merged(2))).status).toBe(202);
    const open = (await api.call('GET', `/v1/projects/${projectId}/batch`)).body;
    expect(open.changes).toHaveLength(1);
    expect((await api.call('DELETE', `/v1/projects/${projectId}`)).status).toBe(204);
    expect(await harness.client.workflow.getHandle(open.id).result()).toEqual({ changes: 0 });
    expect(await harness.db.selectFrom('runs').selectAll().where('project_id', '=', projectId).execute()).toEqual([]);
  });

  it('refuses a bad batch setting or schedule with a 400 naming the field, and saves nothing', async () => {
    const fixture = flagChangeFixture();
    const base = {
      name: 'bad',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ batch: { window: 'an hour' } }, 'batch.window'],
      [{ batch: { schedule: '0 9 * *' } }, 'batch.schedule'],
      [{ batch: { schedule: '0 25 * * MON' } }, 'batch.schedule'],
      [{ batch: { window: '1h', schedule: '0 9 * * MON' } }, 'batch.window'],
      [{ batch: { window: '1h', maxChanges: 0 } }, 'batch.maxChanges'],
      [
        { triggers: [{ type: 'schedule', cron: 'every monday', source: { type: 'local-git', repo: fixture.source } }] },
        'triggers.0.cron',
      ],
      [
        { triggers: [{ type: 'schedule', cron: '0 9 * * MON', source: { type: 'local-git', repo: fixture.source } }] },
        'triggers.0.source.base',
      ],
      [{ triggers: [{ type: 'schedule', cron: '0 9 * * MON', source: { type: 'nowhere' } }] }, 'triggers.0.source'],
    ];
    for (const [extra, path] of cases) {
      const res = await api.call('POST', '/v1/projects', { ...base, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(res.body),
      ).toContain(path);
    }
    const names = (await api.call('GET', '/v1/projects')).body.projects.map((p: { name: string }) => p.name);
    expect(names).not.toContain('bad');
  });

  it('a manual run of a batch source checks each member with its own provider', async () => {
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', {
      name: 'manual batch',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    });
    const member = { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head };
    const start = (source: unknown) => api.call('POST', `/v1/projects/${project.body.id}/runs`, { source });
    const refused: [unknown, string][] = [
      [{ type: 'batch', members: [member, { ...member, head: '--exec' }] }, 'source.members.1.head'],
      [{ type: 'batch', members: [{ type: 'batch', members: [member] }] }, 'source.members.0'],
      [{ type: 'batch', members: [] }, 'source.members'],
    ];
    for (const [source, path] of refused) {
      const res = await start(source);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const run = await start({ type: 'batch', members: [{ ...member, head: 'HEAD' }] });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    const drafted = await runReaches(run.body.id, 'awaiting_review');
    expect(drafted.source.members).toEqual([member]);
    expect(drafted.suggestion.edits[0].citations[0].path).toBe('source-1/src/cli.ts');
  });

  it('a schedule trigger creates a Temporal Schedule whose fires each start a run; removing it deletes the schedule', async () => {
    const fixture = flagChangeFixture();
    const trigger = {
      type: 'schedule',
      cron: '0 9 * * MON',
      source: { type: 'local-git', repo: fixture.source, base: 'HEAD~1', head: 'HEAD' },
    };
    const input = {
      name: 'weekly',
      triggers: [trigger],
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    };
    const created = await api.call('POST', '/v1/projects', input);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const projectId = created.body.id as string;
    // Schedules are listed from Temporal's visibility store, which catches up a moment later.
    const schedules = await eventually(async () => {
      const listed = await listSchedules(projectId);
      return listed.length ? listed : undefined;
    }, 'the schedule listed');
    expect(schedules).toHaveLength(1);
    const schedule = harness.client.schedule.getHandle(schedules[0]!);
    const described = await schedule.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 9, end: 9, step: 1 }] });

    await schedule.trigger();
    const [first] = await scheduledRuns(projectId, 1);
    const run = await runReaches(first.id, 'awaiting_review');
    // Pinned at the fire, like a manual run: HEAD became the commit it named then.
    expect(run.source).toMatchObject({ type: 'local-git', base: fixture.base, head: fixture.head });
    // Temporal names a fire's workflow by the second it was taken in: a second trigger within that second
    // would be the same workflow id, so it waits for the next second (cron fires are minutes apart).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await schedule.trigger();
    const both = await scheduledRuns(projectId, 2);
    expect(new Set(both.map((r) => r.id)).size).toBe(2);

    const saved = await api.call('PUT', `/v1/projects/${projectId}`, { ...input, triggers: [{ type: 'manual' }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await schedule.describe().catch((e) => e.constructor.name)).toBe('ScheduleNotFoundError');
  });
});

async function listSchedules(projectId: string): Promise<string[]> {
  const schedules: string[] = [];
  for await (const s of harness.client.schedule.list())
    if (s.scheduleId.startsWith(`schedule-${projectId}-`)) schedules.push(s.scheduleId);
  return schedules;
}

const scheduledRuns = (projectId: string, count: number) =>
  eventually(async () => {
    const runs = ((await api.call('GET', `/v1/runs?projectId=${projectId}`)).body.runs as any[]).filter(
      (r) => r.trigger === 'schedule',
    );
    return runs.length >= count ? runs : undefined;
  }, `${count} scheduled run(s)`);
