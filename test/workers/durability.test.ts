import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture, sh, tempDir } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { createTestDatabase } from '../support/postgres.js';
import { testSecretKey } from '../support/test-keys.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let harness: Harness;
let api: TestApi;

/** The production worker entry point (`npm run worker`) as a separate process on PostgreSQL. */
function spawnWorker(options: { stallPublishMarker?: string } = {}): ChildProcess {
  const preload = options.stallPublishMarker ? ['--import', './test/support/stall-publish.mjs'] : [];
  return spawn(process.execPath, ['--import', 'tsx', ...preload, 'bin/worker.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DOCFLOW_SECRET_KEY: testSecretKey.toString('base64'),
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DOCFLOW_TASK_QUEUE: harness.taskQueue,
      LOG_LEVEL: 'warn',
      DOCFLOW_TEST_STALL_MARKER: options.stallPublishMarker ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
  );

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createHarness({ databaseUrl: database.url });
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await database?.drop();
});

describe('a worker that dies while a run awaits review', () => {
  it('loses nothing: a new worker publishes the approved run exactly once', { timeout: 240_000 }, async () => {
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', {
      name: 'durable',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    });
    const first = spawnWorker();
    try {
      const run = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
        source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
      });
      const runId = run.body.id;
      await eventually(
        async () => ((await api.call('GET', `/v1/runs/${runId}`)).body.status === 'awaiting_review' ? true : undefined),
        'awaiting_review',
        60_000,
      );

      first.kill('SIGKILL');
      await exited(first);

      const second = spawnWorker();
      try {
        // The update needs a worker to accept it; the new one may take a moment to poll.
        const approved = await eventually(
          async () => {
            const res = await api.call('POST', `/v1/runs/${runId}/approve`);
            return res.status === 503 ? undefined : res;
          },
          'approval accepted',
          90_000,
        );
        expect(approved).toMatchObject({ status: 200, body: { status: 'publishing' } });
        const done = await eventually(
          async () => {
            const res = await api.call('GET', `/v1/runs/${runId}`);
            return ['published', 'failed'].includes(res.body.status) ? res.body : undefined;
          },
          'published',
          60_000,
        );
        expect(done.status).toBe('published');
        expect(sh(fixture.docs, 'branch', '--list', 'docflow/*').trim()).toBe(`docflow/${runId}`);
        expect(sh(fixture.docs, 'rev-list', '--count', `main..docflow/${runId}`)).toBe('1');
        expect(done.timeline.filter((t: { status: string }) => t.status === 'published')).toHaveLength(1);
      } finally {
        second.kill('SIGTERM');
        await exited(second);
      }
    } finally {
      first.kill('SIGKILL');
    }
  });
});

describe('a worker that dies while publishing', () => {
  it(
    'is noticed by its missing heartbeats: a new worker publishes within 30 s, exactly once',
    { timeout: 240_000 },
    async () => {
      const fixture = flagChangeFixture();
      const project = await api.call('POST', '/v1/projects', {
        name: 'durable-publish',
        context: [{ type: 'local-git', repo: fixture.source }],
        destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
      });
      const marker = path.join(tempDir(), 'stalled');
      const first = spawnWorker({ stallPublishMarker: marker });
      try {
        const run = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
          source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
        });
        const runId = run.body.id;
        await eventually(
          async () =>
            (await api.call('GET', `/v1/runs/${runId}`)).body.status === 'awaiting_review' ? true : undefined,
          'awaiting_review',
          60_000,
        );
        expect(await api.call('POST', `/v1/runs/${runId}/approve`)).toMatchObject({
          status: 200,
          body: { status: 'publishing' },
        });
        // The branch is written, and the worker dies before it can report the publish done.
        await eventually(async () => (fs.existsSync(marker) ? true : undefined), 'publish under way', 60_000);
        first.kill('SIGKILL');
        await exited(first);

        const back = Date.now();
        const second = spawnWorker();
        try {
          const done = await eventually(
            async () => {
              const res = await api.call('GET', `/v1/runs/${runId}`);
              return ['published', 'failed'].includes(res.body.status) ? res.body : undefined;
            },
            'published',
            60_000,
          );
          expect(done.status).toBe('published');
          expect(Date.now() - back, 'ms from the new worker starting to published').toBeLessThan(30_000);
          expect(sh(fixture.docs, 'branch', '--list', 'docflow/*').trim()).toBe(`docflow/${runId}`);
          expect(sh(fixture.docs, 'rev-list', '--count', `main..docflow/${runId}`)).toBe('1');
          expect(done.timeline.filter((t: { status: string }) => t.status === 'published')).toHaveLength(1);
        } finally {
          second.kill('SIGTERM');
          await exited(second);
        }
      } finally {
        first.kill('SIGKILL');
      }
    },
  );
});
