import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeFlags } from './search-attributes.js';

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file for durable state; in-memory when absent. */
  dbFilename?: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** Where the server's own log goes (the data dir); discarded when absent. */
  logFile?: string;
  /** Records the server's pid so a server orphaned by a killed docflow is stopped on the next start. */
  pidFile?: string;
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** Runs `temporal server start-dev` as a child process and waits until it answers. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  if (options.dbFilename) fs.mkdirSync(path.dirname(options.dbFilename), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.dbFilename ? ['--db-filename', options.dbFilename] : []),
    ...searchAttributeFlags,
  ];
  if (options.pidFile) stopOrphan(options.pidFile, options.cliPath);
  const log = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const child = spawn(options.cliPath, args, { stdio: ['ignore', log, log] });
  if (options.pidFile && child.pid) fs.writeFileSync(options.pidFile, String(child.pid));
  const address = `127.0.0.1:${options.port}`;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      throw new Error(
        `Temporal dev server ${exited} before it was ready${options.logFile ? `; see ${options.logFile}` : ''}`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: options.namespace });
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`Temporal dev server did not become ready on ${address}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const stop = async () => {
    await stopChild(child);
    if (options.pidFile) fs.rmSync(options.pidFile, { force: true });
  };
  return { address, uiUrl: `http://127.0.0.1:${options.uiPort}`, stop };
}

function stopOrphan(pidFile: string, cliPath: string): void {
  const pid = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : NaN);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    // Only a process running our CLI binary is ours to stop; a reused pid is left alone.
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.split('\0')[0] === cliPath) process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone, or no /proc here: nothing to stop.
  }
  fs.rmSync(pidFile, { force: true });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
