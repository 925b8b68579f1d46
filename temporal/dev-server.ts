import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeFlags } from './search-attributes.js';
import { startUiFront, type UiFront } from './ui-front.js';

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
  /**
   * docflow's codec endpoint (`http://localhost:3000/codec`): the Web UI decodes payloads through it,
   * sending the browser's docflow session (see ui-front.ts).
   */
  codecEndpoint?: string;
  /** The host name people open the Web UI at (default 127.0.0.1); it listens on loopback either way. */
  uiHost?: string;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** Runs `temporal server start-dev` as a child process and waits until it answers. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  if (options.dbFilename) fs.mkdirSync(path.dirname(options.dbFilename), { recursive: true });
  // With a codec endpoint, the UI itself listens on a port of its own behind the front on `uiPort`.
  const uiPort = options.codecEndpoint ? await loopbackFreePort() : options.uiPort;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(uiPort),
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
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
  let front: UiFront | undefined;
  const stop = async () => {
    await front?.close();
    await stopChild(child);
    if (options.pidFile) fs.rmSync(options.pidFile, { force: true });
  };
  if (options.codecEndpoint) {
    front = await startUiFront({ target: `http://127.0.0.1:${uiPort}`, host: '127.0.0.1', port: options.uiPort }).catch(
      async (error: Error) => {
        await stop();
        throw new Error(`cannot serve the Temporal Web UI on 127.0.0.1:${options.uiPort}: ${error.message}`);
      },
    );
  }
  return { address, uiUrl: `http://${options.uiHost ?? '127.0.0.1'}:${options.uiPort}`, stop };
}

function loopbackFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
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
