import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { describe, expect, inject, it } from 'vitest';
import { startFakeOtlp } from '../support/fake-otlp.js';
import { freePort } from '../support/free-port.js';
import { flagChangeFixture, tempDir } from '../support/git-repos.js';
import { eventually } from '../support/harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm start against an existing Temporal, with OpenTelemetry tracing', () => {
  it(
    'needs no Temporal CLI, starts no dev server, sends the spans of a run to the OTLP endpoint, serves SDK metrics',
    { timeout: 240_000 },
    async () => {
      const otlp = await startFakeOtlp();
      const dataDir = tempDir();
      const [port, sdkMetricsPort] = [await freePort(), await freePort()];
      const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
        cwd: root,
        env: {
          ...process.env,
          DOCFLOW_DATA_DIR: dataDir,
          PORT: String(port),
          DATABASE_URL: '',
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          DOCFLOW_TASK_QUEUE: `start-existing-${randomBytes(4).toString('hex')}`,
          // Were the CLI looked for, this would fail the start.
          TEMPORAL_CLI_PATH: path.join(dataDir, 'no-temporal-cli-here'),
          PATH: '/usr/bin:/bin',
          OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
          OTEL_SERVICE_NAME: 'docflow-under-test',
          DOCFLOW_TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${sdkMetricsPort}`,
          DOCFLOW_LOG_FORMAT: 'json',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        const api = `http://127.0.0.1:${port}`;
        await Promise.race([
          eventually(
            async () => ((await fetch(`${api}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined),
            'readyz',
            120_000,
          ),
          exited.then((code) => {
            throw new Error(`docflow exited with ${code}:\n${output}`);
          }),
        ]);
        const key = /dfk_[\w-]+/.exec(output)?.[0];
        const call = async (method: string, route: string, body?: unknown) => {
          const res = await fetch(api + route, {
            method,
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: res.status, body: (await res.json()) as any };
        };
        const fixture = flagChangeFixture();
        const project = await call('POST', '/v1/projects', {
          name: 'traced',
          context: [{ type: 'local-git', repo: fixture.source }],
          destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
        });
        const run = await call('POST', `/v1/projects/${project.body.id}/runs`, {
          source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
        });
        const reaches = (status: string) =>
          eventually(
            async () => ((await call('GET', `/v1/runs/${run.body.id}`)).body.status === status ? true : undefined),
            status,
          );
        await reaches('awaiting_review');
        expect((await call('POST', `/v1/runs/${run.body.id}/approve`)).status).toBe(200);
        await reaches('published');
        // The workflow's own span ends when the workflow does (after reporting the outcome).
        const connection = await Connection.connect({ address: inject('temporalAddress') });
        const handle = new Client({ connection }).workflow.getHandle(run.body.id);
        await eventually(
          async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined),
          'the workflow to complete',
        );
        await connection.close();

        // GET /metrics, behind the key, has docflow's metrics and the in-process worker's SDK metrics.
        const scrape = await fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${key}` } });
        expect(scrape.status).toBe(200);
        const metrics = await scrape.text();
        expect(metrics).toMatch(/^docflow_runs\{status="published"\} 1$/m);
        expect(metrics).toMatch(/^temporal_worker_task_slots_available\{.*\} \d+/m);
        expect(metrics).not.toMatch(/unavailable/);
        child.kill('SIGINT');
        expect(await exited, output).toBe(0);

        expect(output).not.toMatch(/Temporal dev server started/);
        expect(fs.existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(false);
        expect(output).toMatch(/OpenTelemetry tracing on/);

        // Shutting down flushed every span: the API's start, the workflow's run, its activities.
        expect(otlp.refused).toEqual([]);
        const named = (name: string) => otlp.spans.filter((s) => s.name === name);
        const [start] = named('StartWorkflow:docUpdateWorkflow');
        const [workflow] = named('RunWorkflow:docUpdateWorkflow');
        expect(start, JSON.stringify(otlp.spans.map((s) => s.name))).toBeDefined();
        expect(workflow).toBeDefined();
        // One trace, from the API's request to the published run, through the workflow's headers.
        expect(workflow!.traceId).toBe(start!.traceId);
        expect(workflow!.parentSpanId).toBe(start!.spanId);
        const activities = otlp.spans.filter((s) => s.name.startsWith('RunActivity:'));
        expect(activities.map((s) => s.name)).toEqual(
          expect.arrayContaining(['RunActivity:recordStatus', 'RunActivity:publishSuggestion']),
        );
        expect(activities.every((s) => s.traceId === start!.traceId)).toBe(true);
        expect(new Set(otlp.spans.map((s) => s.service))).toEqual(new Set(['docflow-under-test']));
      } finally {
        child.kill('SIGKILL');
        await otlp.close();
      }
    },
  );
});
