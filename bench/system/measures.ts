import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { FakeGitHub } from '../../test/support/fake-github/index.js';
import { median, percentile, pool, slope, sleep, until } from './stats.js';
import { busyCount, deliver, pushDelivery, runsByStatus, startLocalRun, type Workload } from './workload.js';

/** Waits until no run is being worked on; returns the counts by status. */
export const settled = (w: Workload, timeoutMs: number) =>
  until(
    async () => {
      const counts = await runsByStatus(w.docflow);
      return busyCount(counts) === 0 ? counts : undefined;
    },
    'the runs to settle',
    timeoutMs,
    1000,
  );

/**
 * `count` manual runs started at concurrency 10 (as a burst of changes would): the rate they reach
 * awaiting_review (or end), the start latency, and the event-loop delay of docflow meanwhile, read from
 * its metrics once a second (prom-client resets the histogram on each scrape: each sample is one second).
 */
export async function burst(w: Workload, count: number) {
  const before = (await runsByStatus(w.docflow)).awaiting_review ?? 0;
  await w.docflow.metric('docflow_nodejs_eventloop_lag_p99_seconds');
  const windows: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await sleep(1000);
      const p99 = await w.docflow.metric('docflow_nodejs_eventloop_lag_p99_seconds');
      if (p99 !== undefined) windows.push(p99 * 1000);
    }
  })();
  const started = performance.now();
  const ids: string[] = [];
  const starts = await pool(count, 10, async () => {
    ids.push(await startLocalRun(w));
  });
  const counts = await settled(w, 30 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  return {
    perSecond: count / seconds,
    seconds,
    awaiting: (counts.awaiting_review ?? 0) - before,
    startLatencies: starts.latencies,
    loopP99Windows: windows,
    ids,
  };
}

/** How many activities one docflow run scheduled before it waited for review (from its Temporal history). */
export async function activitiesBeforeReview(address: string, runId: string): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    const history = await new Client({ connection }).workflow.getHandle(runId).fetchHistory();
    return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
  } finally {
    await connection.close();
  }
}

/** The yardstick: `count` bare workflows of `activities` no-op activities each, started at concurrency 10. */
export async function bareWorkflows(address: string, count: number, activities: number) {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(import.meta.dirname, 'bare-workflow.ts'),
    logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} },
  });
  const native = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const taskQueue = `bench-bare-${randomUUID()}`;
  try {
    const worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowBundle,
      activities: { noop: async () => {} },
    });
    const client = new Client({ connection });
    return await worker.runUntil(async () => {
      const started = performance.now();
      const handles: Promise<unknown>[] = [];
      await pool(count, 10, async () => {
        const handle = await client.workflow.start('bareWorkflow', {
          taskQueue,
          workflowId: randomUUID(),
          args: [activities],
        });
        handles.push(handle.result());
      });
      await Promise.all(handles);
      const seconds = (performance.now() - started) / 1000;
      return { perSecond: count / seconds, seconds };
    });
  } finally {
    await connection.close();
    await native.close();
  }
}

/** Starts manual runs until `target` runs await review (runs that end without a suggestion do not count). */
export async function fillWaiting(w: Workload, target: number) {
  for (;;) {
    const counts = await settled(w, 60 * 60_000);
    const missing = target - (counts.awaiting_review ?? 0);
    if (missing <= 0) return counts.awaiting_review ?? 0;
    await pool(missing, 10, async () => {
      await startLocalRun(w);
    });
  }
}

/** Awaiting runs, newest first, up to 500 (the API's page). */
export async function awaitingIds(w: Workload): Promise<string[]> {
  const res = await w.docflow.call('GET', '/v1/runs?status=awaiting_review&limit=500');
  return (res.body.runs as { id: string }[]).map((r) => r.id);
}

/** Latencies of `GET /v1/runs/:id` (random waiting runs) and of the awaiting-review list, one at a time. */
export async function reads(w: Workload, count: number) {
  const ids = await awaitingIds(w);
  const one = await pool(count, 1, async (i) => {
    const res = await w.docflow.call('GET', `/v1/runs/${ids[i % ids.length]}`);
    if (res.status !== 200) throw new Error(`GET run: ${res.status}`);
  });
  const list = await pool(count, 1, async () => {
    const res = await w.docflow.call('GET', '/v1/runs?status=awaiting_review');
    if (res.status !== 200) throw new Error(`GET runs: ${res.status}`);
  });
  return { run: one.latencies, list: list.latencies };
}

/** Approve → published, one run at a time, status read every 20 ms. */
export async function approvals(w: Workload, count: number) {
  const ids = (await awaitingIds(w)).slice(0, count);
  const latencies: number[] = [];
  let failed = 0;
  for (const id of ids) {
    const started = performance.now();
    const res = await w.docflow.call('POST', `/v1/runs/${id}/approve`, {});
    if (res.status !== 200) throw new Error(`approve ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    const status = await until(
      async () => {
        const run = await w.docflow.call('GET', `/v1/runs/${id}`);
        return ['published', 'failed'].includes(run.body.status) ? (run.body.status as string) : undefined;
      },
      `${id} to publish`,
      60_000,
      20,
    );
    if (status !== 'published') failed++;
    latencies.push(performance.now() - started);
  }
  return { latencies, failed };
}

/** `docflow --help`, `rounds` times. */
export async function helpTimes(checkout: string, rounds: number): Promise<number[]> {
  const cli = path.join(checkout, 'bin', 'docflow.js');
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, '--help'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * A steady mix for `durationMs`: a push webhook a second (every fifth delivered twice: the second must be
 * a duplicate), four run reads and one list a second, an approval every five seconds; memory every 5 s.
 * Then: every accepted delivery's run exists and is not stuck, and no change has two runs.
 */
export async function soak(fake: FakeGitHub, w: Workload, durationMs: number) {
  const errors: string[] = [];
  const accepted: string[] = [];
  const memory: [number, number][] = [];
  const started = Date.now();
  const ids = await awaitingIds(w);
  const fail = (what: string) => (error: unknown) => errors.push(`${what}: ${(error as Error).message ?? error}`);
  let tick = 0;
  const inFlight: Promise<unknown>[] = [];
  while (Date.now() - started < durationMs) {
    tick++;
    if (tick % 4 === 0) {
      const d = pushDelivery(fake, w);
      inFlight.push(
        deliver(w, d)
          .then(async (res) => {
            if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
            accepted.push(d.runId);
            if (tick % 20 === 0) {
              const again = await deliver(w, d);
              if (again.status !== 200 || again.body?.duplicate !== true)
                throw new Error(`a redelivery answered ${again.status} ${JSON.stringify(again.body)}`);
            }
          })
          .catch(fail('webhook')),
      );
    }
    if (ids.length)
      inFlight.push(
        w.docflow
          .call('GET', `/v1/runs/${ids[tick % ids.length]}`)
          .then((res) => {
            if (res.status !== 200) throw new Error(`GET run answered ${res.status}`);
          })
          .catch(fail('read')),
      );
    if (tick % 4 === 2)
      inFlight.push(
        w.docflow
          .call('GET', '/v1/runs?status=awaiting_review&limit=50')
          .then((res) => {
            if (res.status !== 200) throw new Error(`GET runs answered ${res.status}`);
          })
          .catch(fail('list')),
      );
    if (tick % 20 === 10 && ids.length > 1) {
      const id = ids.pop()!;
      inFlight.push(
        w.docflow
          .call('POST', `/v1/runs/${id}/approve`, {})
          .then((res) => {
            // 409: the run was approved already (an earlier measurement), not an error of docflow's.
            if (res.status !== 200 && res.status !== 409) throw new Error(`approve answered ${res.status}`);
          })
          .catch(fail('approve')),
      );
    }
    if (tick % 20 === 0) memory.push([(Date.now() - started) / 60_000, w.docflow.rss()]);
    await sleep(250);
  }
  await Promise.all(inFlight);
  // Every accepted delivery's run exists and gets worked on: none lost, none stuck.
  await settled(w, 10 * 60_000).catch(fail('settle'));
  let lost = 0;
  for (const runId of accepted) {
    const res = await w.docflow.call('GET', `/v1/runs/${runId}`);
    if (res.status === 404) lost++;
  }
  const listed = await w.docflow.call('GET', `/v1/runs?projectId=${w.githubProject}&limit=500`);
  const heads = (listed.body.runs as { source: { head?: string } }[]).map((r) => r.source.head);
  const duplicated = heads.length - new Set(heads).size;
  const rss = memory.map(([, bytes]) => bytes);
  return {
    errors,
    deliveries: accepted.length,
    lost,
    duplicated,
    rssStart: rss[0] ?? NaN,
    rssEnd: rss.at(-1) ?? NaN,
    rssSlopePerMinute: slope(memory),
    rssMedian: median(rss),
    rssMax: percentile(rss, 100),
  };
}
