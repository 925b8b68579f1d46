import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { runIdFor } from '../../runs/handle-webhook.js';
import { signedDelivery } from '../../test/support/github-payloads.js';
import type { FakeGitHub } from '../../test/support/fake-github/index.js';
import type { DocflowProcess } from './docflow-process.js';
import { cliAt } from './fixtures.js';
import { pool } from './stats.js';

export const webhookSecret = 'bench-webhook-secret-0123456789';
export const githubRepo = 'bench/product';

/** What the bench made in one docflow: a GitHub connection, a project on it and a manual local-git project. */
export interface Workload {
  docflow: DocflowProcess;
  integrationId: string;
  githubProject: string;
  localProject?: string;
  /** Commit ids of the local product repository, oldest first; run i reads commits[i]..commits[i+1]. */
  localCommits: string[];
  localRepo: string;
  nextLocal: number;
}

export async function createWorkload(
  docflow: DocflowProcess,
  fake: FakeGitHub,
  repos: { product: string; commits: string[]; docs: string },
  withLocal: boolean,
): Promise<Workload> {
  const ok = (res: { status: number; body: any }, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const integration = ok(
    await docflow.call('POST', '/v1/integrations', {
      provider: 'github',
      baseUrl: fake.url,
      auth: { type: 'token', token: 'github_pat_bench_0123456789abcdef' },
      webhookSecret,
    }),
    'connect GitHub',
  );
  const destination = { type: 'local-git', repo: repos.docs, baseBranch: 'main', docsDir: 'docs' };
  const review = { required: true, expireAfter: '14d' };
  const github = ok(
    await docflow.call('POST', '/v1/projects', {
      name: 'bench-github',
      triggers: [{ type: 'github', integrationId: integration.id, repos: [githubRepo], on: 'every_push' }],
      context: [{ type: 'github', integrationId: integration.id }],
      destinations: [destination],
      review,
    }),
    'create the GitHub project',
  );
  const local = withLocal
    ? ok(
        await docflow.call('POST', '/v1/projects', {
          name: 'bench-local',
          triggers: [{ type: 'manual' }],
          context: [{ type: 'local-git', repo: repos.product, paths: ['src/**'] }],
          destinations: [destination],
          review,
        }),
        'create the local project',
      )
    : undefined;
  return {
    docflow,
    integrationId: integration.id,
    githubProject: github.id,
    localProject: local?.id,
    localCommits: repos.commits,
    localRepo: repos.product,
    nextLocal: 0,
  };
}

let githubChanges = 0;

/** A push to the fake GitHub's main branch and its signed delivery; `runId` is the run it must reach. */
export function pushDelivery(fake: FakeGitHub, w: Workload) {
  const before = fake.branches(githubRepo).main!;
  const after = fake.commit(
    githubRepo,
    'main',
    { 'src/cli.ts': cliAt(++githubChanges) },
    `feat: option ${githubChanges}`,
  );
  const payload = {
    ref: 'refs/heads/main',
    before,
    after,
    repository: { full_name: githubRepo, default_branch: 'main' },
  };
  const delivery = signedDelivery('push', payload, webhookSecret);
  return { ...delivery, runId: runIdFor(w.githubProject, `${githubRepo}@${after}`) };
}

export async function deliver(w: Workload, d: { body: string; headers: Record<string, string> }) {
  const res = await fetch(`${w.docflow.url}/webhooks/github/${w.integrationId}`, {
    method: 'POST',
    headers: d.headers,
    body: d.body,
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
}

/** A manual run of the next change of the local product repository. */
export async function startLocalRun(w: Workload): Promise<string> {
  const i = w.nextLocal++;
  if (i + 1 >= w.localCommits.length) throw new Error('the bench made too few commits for its runs');
  const res = await w.docflow.call('POST', `/v1/projects/${w.localProject}/runs`, {
    source: { type: 'local-git', repo: w.localRepo, base: w.localCommits[i], head: w.localCommits[i + 1] },
  });
  if (res.status !== 202) throw new Error(`POST runs: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Webhook ingest at concurrency 10: rate and latencies; every delivery must be answered 202. */
export async function ingest(fake: FakeGitHub, w: Workload, count: number) {
  const deliveries = Array.from({ length: count }, () => pushDelivery(fake, w));
  let refused = 0;
  const measured = await pool(count, 10, async (i) => {
    const res = await deliver(w, deliveries[i]!);
    if (res.status !== 202) refused++;
  });
  return { ...measured, refused, runIds: deliveries.map((d) => d.runId) };
}

/** Bare `client.workflow.start` calls at concurrency 10 against the same server (a queue no worker polls). */
export async function rawStarts(address: string, count: number) {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const taskQueue = `bench-raw-${randomUUID()}`;
    return await pool(count, 10, async () => {
      await client.workflow.start('benchRawStart', { taskQueue, workflowId: randomUUID(), args: [] });
    });
  } finally {
    await connection.close();
  }
}

/** docflow's runs by status, from its own metrics (one grouped count in the database). */
export async function runsByStatus(docflow: DocflowProcess): Promise<Record<string, number>> {
  const { body } = await docflow.call('GET', '/metrics');
  const counts: Record<string, number> = {};
  for (const m of String(body).matchAll(/^docflow_runs\{status="(\w+)"\} (\d+)/gm)) counts[m[1]!] = Number(m[2]);
  return counts;
}

/** Runs being worked on (not waiting for a reviewer, not finished). */
export const busyStatuses = ['pending', 'gathering_context', 'drafting', 'publishing'];
export const busyCount = (counts: Record<string, number>) => busyStatuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
