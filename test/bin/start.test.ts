import { spawn } from 'node:child_process';
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
  it('runs API, worker and its own Temporal dev server, prints the admin key once, and stops them all', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const [port, devPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const env = { ...process.env, DOCFLOW_DATA_DIR: dataDir, PORT: String(port), TEMPORAL_DEV_PORT: String(devPort), TEMPORAL_DEV_UI_PORT: String(uiPort), DATABASE_URL: '', TEMPORAL_ADDRESS: '', LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const api = `http://127.0.0.1:${port}`;
      await eventually(async () => ((await fetch(`${api}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 'readyz', 120_000);
      const key = /dfk_[\w-]+/.exec(stdout)?.[0];
      expect(key, 'admin key printed on first start').toBeDefined();
      const call = async (method: string, route: string, body?: unknown) => {
        const res = await fetch(api + route, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as any };
      };

      const fixture = flagChangeFixture();
      const project = await call('POST', '/v1/projects', { name: 'smoke', context: [{ type: 'local-git', repo: fixture.source }], destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }] });
      const run = await call('POST', `/v1/projects/${project.body.id}/runs`, { source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head } });
      await eventually(async () => ((await call('GET', `/v1/runs/${run.body.id}`)).body.status === 'awaiting_review' ? true : undefined), 'awaiting_review');
      expect((await call('POST', `/v1/runs/${run.body.id}/approve`)).status).toBe(200);
      await eventually(async () => ((await call('GET', `/v1/runs/${run.body.id}`)).body.status === 'published' ? true : undefined), 'published');
      expect(sh(fixture.docs, 'branch', '--list', 'docflow/*').trim()).toBe(`docflow/${run.body.id}`);

      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(true);
      expect(openToOthers(dataDir), 'state readable or writable by other users').toEqual([]);
      const devServerPid = Number(fs.readFileSync(path.join(dataDir, 'temporal.pid'), 'utf8'));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(() => process.kill(devServerPid, 0)).toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
