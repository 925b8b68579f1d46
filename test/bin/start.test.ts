import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flagChangeFixture, sh, tempDir } from '../support/git-repos.js';
import { openToOthers } from '../support/file-modes.js';
import { freePort } from '../support/free-port.js';
import { eventually } from '../support/harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm start on embedded defaults', () => {
  it(
    'runs API, worker and its own Temporal dev server, prints the admin key once, and stops them all',
    { timeout: 300_000 },
    async () => {
      const dataDir = tempDir();
      const [port, devPort, uiPort] = [await freePort(), await freePort(), await freePort()];
      const env = {
        ...process.env,
        DOCFLOW_DATA_DIR: dataDir,
        PORT: String(port),
        TEMPORAL_DEV_PORT: String(devPort),
        TEMPORAL_DEV_UI_PORT: String(uiPort),
        DATABASE_URL: '',
        TEMPORAL_ADDRESS: '',
        LOG_LEVEL: 'warn',
      };
      const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        const api = `http://127.0.0.1:${port}`;
        await eventually(
          async () => ((await fetch(`${api}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined),
          'readyz',
          120_000,
        );
        const key = /dfk_[\w-]+/.exec(stdout)?.[0];
        expect(key, 'admin key printed on first start').toBeDefined();
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
          name: 'smoke',
          context: [{ type: 'local-git', repo: fixture.source }],
          destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
        });
        const run = await call('POST', `/v1/projects/${project.body.id}/runs`, {
          source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
        });
        await eventually(
          async () =>
            (await call('GET', `/v1/runs/${run.body.id}`)).body.status === 'awaiting_review' ? true : undefined,
          'awaiting_review',
        );
        expect((await call('POST', `/v1/runs/${run.body.id}/approve`)).status).toBe(200);
        await eventually(
          async () => ((await call('GET', `/v1/runs/${run.body.id}`)).body.status === 'published' ? true : undefined),
          'published',
        );
        expect(sh(fixture.docs, 'branch', '--list', 'docflow/*').trim()).toBe(`docflow/${run.body.id}`);

        expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
        expect(fs.existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(true);
        expect(openToOthers(dataDir), 'state readable or writable by other users').toEqual([]);
        const devServerPid = Number(fs.readFileSync(path.join(dataDir, 'temporal.pid'), 'utf8'));
        child.kill('SIGINT');
        expect(await exited).toBe(0);
        expect(() => process.kill(devServerPid, 0)).toThrow();

        // A changed key is found at start, not at the first webhook.
        const wrongKey = await startOnce({ ...env, DOCFLOW_SECRET_KEY: randomBytes(32).toString('base64') });
        expect(wrongKey.code, wrongKey.output).toBe(1);
        expect(wrongKey.output).toMatch(/sealed with secret key \w{12}.*DOCFLOW_SECRET_KEYS_OLD/);
        // Losing the database while Temporal keeps the runs stops the start, until a reset is asked for.
        fs.rmSync(path.join(dataDir, 'pglite'), { recursive: true });
        const lost = await startOnce(env);
        expect(lost.code, lost.output).toBe(1);
        expect(lost.output).toMatch(/database was lost.*DOCFLOW_RESET_STATE=1/);
        // Fresh ports: the refused starts' dev servers may still be letting theirs go on a loaded machine.
        const [resetPort, resetDevPort, resetUiPort] = [await freePort(), await freePort(), await freePort()];
        const reset = await startOnce(
          {
            ...env,
            PORT: String(resetPort),
            TEMPORAL_DEV_PORT: String(resetDevPort),
            TEMPORAL_DEV_UI_PORT: String(resetUiPort),
            DOCFLOW_RESET_STATE: '1',
          },
          `http://127.0.0.1:${resetPort}/readyz`,
        );
        expect(reset.code, reset.output).toBe(0);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );
});

/** Starts docflow once: its exit code and output when it refuses to start, or 0 once `readyUrl` answers (then stops it). */
async function startOnce(env: NodeJS.ProcessEnv, readyUrl?: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    if (!readyUrl) return { code: await exited, output };
    const ready = await Promise.race([
      eventually(
        async () => ((await fetch(readyUrl).catch(() => undefined))?.status === 200 ? true : undefined),
        'readyz',
        120_000,
      ),
      exited.then(() => false),
    ]);
    if (!ready) return { code: await exited, output };
    child.kill('SIGINT');
    return { code: (await exited) === 0 ? 0 : -1, output };
  } finally {
    child.kill('SIGKILL');
  }
}
