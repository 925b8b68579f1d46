/**
 * `npx tsx bench/startup.ts [--rounds N] [checkout…]`: start-up times of one or more checkouts, measured side by
 * side (each round runs every checkout once, so a busy machine weighs on all alike):
 * - `node -e 0`, the floor any Node program pays (N rounds)
 * - `docflow --help` and `docflow impact` on the largest doc-impact eval case (N rounds each)
 * - `npm start` as a user runs it (npm, its prestart steps, then docflow, with its own dev server) until
 *   `/readyz` answers 200: one cold start on a new data dir, then N warm starts on it
 * Prints min and median per checkout. Not run by tests: timings on a shared machine are noisy.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { freePort } from '../test/support/free-port.js';
import { evalDir } from './impact/run-eval.js';

const { values, positionals } = parseArgs({
  options: { rounds: { type: 'string', default: '5' } },
  allowPositionals: true,
});
const rounds = Number(values.rounds);
const checkouts = positionals.length ? positionals.map((c) => path.resolve(c)) : [process.cwd()];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (values: number[]) =>
  `min ${Math.min(...values).toFixed(0)} ms, median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`;

function timed(args: string[], cwd = process.cwd()): Promise<number> {
  const started = performance.now();
  // Nothing inherited from the runner of this script (tsx's loader, say) weighs on what is measured.
  const child = spawn(process.execPath, args, { cwd, stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 || (args.includes('--help') && code === 2)
        ? resolve(performance.now() - started)
        : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    ),
  );
}

/** The eval case with the most documentation to rank. */
function largestImpactCase(): string {
  const dir = evalDir();
  const size = (folder: string): number =>
    fs
      .readdirSync(folder, { withFileTypes: true })
      .reduce(
        (sum, e) =>
          sum + (e.isDirectory() ? size(path.join(folder, e.name)) : fs.statSync(path.join(folder, e.name)).size),
        0,
      );
  const cases = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'code.patch')));
  const largest = cases.sort((a, b) => size(path.join(dir, b, 'docs')) - size(path.join(dir, a, 'docs')))[0];
  if (!largest) throw new Error(`no doc-impact eval case in ${dir} (set DOCFLOW_EVAL_DIR)`);
  return path.join(dir, largest);
}

async function startToReady(checkout: string, dataDir: string): Promise<number> {
  const [port, devPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const started = performance.now();
  // Its own process group: Ctrl-C at a terminal reaches npm, docflow and the dev server alike; so does this.
  const child = spawn('npm', ['start'], {
    cwd: checkout,
    detached: true,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DOCFLOW_DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(devPort),
      TEMPORAL_DEV_UI_PORT: String(uiPort),
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (res?.status === 200) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${checkout}: npm start exited ${child.exitCode}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
}

console.log(
  `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const impactCase = largestImpactCase();
console.log(`impact case: ${impactCase}`);
const commands: Record<string, (checkout: string) => string[]> = {
  'node -e 0': () => ['-e', '0'],
  'docflow --help': (c) => [path.join(c, 'bin/docflow.js'), '--help'],
  'docflow impact': (c) => [
    path.join(c, 'bin/docflow.js'),
    'impact',
    ...['--diff', path.join(impactCase, 'code.patch'), '--docs', path.join(impactCase, 'docs')],
    ...['--message', path.join(impactCase, 'message.txt'), '--top', '5'],
  ],
};
for (const [name, args] of Object.entries(commands)) {
  const times = new Map(checkouts.map((c) => [c, [] as number[]]));
  for (let round = 0; round < rounds; round++) for (const c of checkouts) times.get(c)!.push(await timed(args(c)));
  for (const [c, t] of times) console.log(`${name.padEnd(15)} ${c}: ${summary(t)}`);
}

const dataDirs = new Map(checkouts.map((c) => [c, fs.mkdtempSync(path.join(os.tmpdir(), 'docflow-startup-'))]));
for (const c of checkouts)
  console.log(`cold npm start  ${c}: ${(await startToReady(c, dataDirs.get(c)!)).toFixed(0)} ms`);
const startTimes = new Map(checkouts.map((c) => [c, [] as number[]]));
for (let round = 0; round < rounds; round++)
  for (const c of checkouts) startTimes.get(c)!.push(await startToReady(c, dataDirs.get(c)!));
for (const [c, times] of startTimes) console.log(`warm npm start  ${c}: ${summary(times)}`);
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const dir of dataDirs.values()) fs.rmSync(dir, { recursive: true, force: true });
