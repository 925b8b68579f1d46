/**
 * `npx tsx bench/startup.ts [checkout…]`: start-up times of one or more checkouts, measured side by side
 * (each round runs every checkout once, so a busy machine weighs on all alike):
 * - `docflow --help` (5 rounds)
 * - a warm `npm start` (existing data dir; its own dev server) until `/readyz` answers 200 (3 rounds,
 *   after one cold start that creates the data dir and, from this branch on, the workflow bundle cache)
 * Prints min and median per checkout. Not run by tests: timings on a shared machine are noisy.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../test/support/free-port.js';

const checkouts = process.argv.slice(2).length ? process.argv.slice(2) : [process.cwd()];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (values: number[]) =>
  `min ${Math.min(...values).toFixed(0)} ms, median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`;

function help(checkout: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(checkout, 'bin/docflow.js'), '--help'], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', () => resolve(performance.now() - started)));
}

async function startToReady(checkout: string, dataDir: string): Promise<number> {
  const [port, devPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: checkout,
    env: {
      ...process.env,
      DOCFLOW_DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(devPort),
      TEMPORAL_DEV_UI_PORT: String(uiPort),
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (res?.status === 200) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${checkout}: npm start exited ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

console.log(
  `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const helpTimes = new Map(checkouts.map((c) => [c, [] as number[]]));
for (let round = 0; round < 5; round++) for (const c of checkouts) helpTimes.get(c)!.push(await help(c));
for (const [c, times] of helpTimes) console.log(`docflow --help  ${c}: ${summary(times)}`);

const dataDirs = new Map(checkouts.map((c) => [c, fs.mkdtempSync(path.join(os.tmpdir(), 'docflow-startup-'))]));
for (const c of checkouts)
  console.log(`cold npm start  ${c}: ${(await startToReady(c, dataDirs.get(c)!)).toFixed(0)} ms`);
const startTimes = new Map(checkouts.map((c) => [c, [] as number[]]));
for (let round = 0; round < 3; round++)
  for (const c of checkouts) startTimes.get(c)!.push(await startToReady(c, dataDirs.get(c)!));
for (const [c, times] of startTimes) console.log(`warm npm start  ${c}: ${summary(times)}`);
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const dir of dataDirs.values()) fs.rmSync(dir, { recursive: true, force: true });
