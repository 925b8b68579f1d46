import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sleep } from './stats.js';

export const adminToken = 'bench-admin-token-0123456789abcdef';

export interface DocflowProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to `/readyz` answering 200. */
  readyMs: number;
  call(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Resident memory of the process (from /proc), in bytes. */
  rss(): number;
  /** One Prometheus sample of the process's own metrics. */
  metric(name: string): Promise<number | undefined>;
  stop(): Promise<void>;
}

const running = new Set<DocflowProcess>();

/** Stops every docflow this bench started and has not stopped (after a failure midway). */
export async function stopAllDocflows(): Promise<void> {
  for (const docflow of running) await docflow.stop();
}

export interface DocflowSettings {
  /** `start` (API + worker, one process) or `api` (the API alone; needs a DATABASE_URL). */
  entry: 'start' | 'api';
  dataDir: string;
  port: number;
  temporalAddress: string;
  databaseUrl?: string;
  /** Where the bench's repositories are (DOCFLOW_LOCAL_GIT_ROOTS). */
  gitRoots: string;
  /** The docflow checkout to run. */
  checkout: string;
  env?: Record<string, string>;
}

/**
 * docflow as an operator runs it, in a process of its own (its memory and event loop are what is
 * measured), against the bench's own Temporal server and data dir.
 */
export async function startDocflow(settings: DocflowSettings): Promise<DocflowProcess> {
  const root = settings.checkout;
  const compiled = path.join(root, 'dist', 'bin', `${settings.entry}.js`);
  const args = fs.existsSync(compiled) ? [compiled] : ['--import', 'tsx', path.join('bin', `${settings.entry}.ts`)];
  const started = performance.now();
  const log = fs.openSync(path.join(settings.dataDir, `docflow-${settings.entry}.log`), 'a');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DOCFLOW_DATA_DIR: settings.dataDir,
      PORT: String(settings.port),
      TEMPORAL_ADDRESS: settings.temporalAddress,
      DATABASE_URL: settings.databaseUrl ?? '',
      DOCFLOW_ADMIN_TOKEN: adminToken,
      DOCFLOW_LOCAL_GIT_ROOTS: settings.gitRoots,
      DOCFLOW_ALLOW_PRIVATE_URLS: '1',
      // The bench is one client sending thousands of requests a minute.
      DOCFLOW_RATE_LIMIT_API: '1000000',
      DOCFLOW_RATE_LIMIT_WEBHOOKS: '1000000',
      DOCFLOW_LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      ...settings.env,
    },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${settings.port}`;
  for (;;) {
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    if (performance.now() - started > 5 * 60_000) {
      child.kill('SIGKILL');
      throw new Error(
        `docflow (${settings.entry}) was not ready after 5 minutes; see ${settings.dataDir}/docflow-${settings.entry}.log`,
      );
    }
    if (child.exitCode !== null)
      throw new Error(
        `docflow (${settings.entry}) exited ${child.exitCode}; see ${settings.dataDir}/docflow-${settings.entry}.log`,
      );
    await sleep(50);
  }
  const readyMs = performance.now() - started;
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(url + route, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Prometheus text, say.
    }
    return { status: res.status, body: parsed as any };
  };
  const docflow: DocflowProcess = {
    url,
    pid: child.pid!,
    readyMs,
    call,
    rss() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
    },
    async metric(name) {
      const { body } = await call('GET', '/metrics');
      const line = String(body)
        .split('\n')
        .find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
      return line ? Number(line.split(' ').at(-1)) : undefined;
    },
    async stop() {
      if (!running.delete(docflow)) return;
      child.kill('SIGINT');
      await exited;
      fs.closeSync(log);
    },
  };
  running.add(docflow);
  return docflow;
}
