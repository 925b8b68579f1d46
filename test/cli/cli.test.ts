import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, UsageError } from '../../cli/main.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture, tempDir } from '../support/git-repos.js';
import { createHarness, type Harness } from '../support/harness.js';

let harness: Harness;
let api: TestApi;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  harness = await createHarness();
  api = await startTestApi(harness);
  env = { DOCFLOW_URL: api.url, DOCFLOW_API_KEY: api.key };
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

describe('docflow CLI', () => {
  it('creates and lists projects through the API', async () => {
    const fixture = flagChangeFixture();
    const file = path.join(tempDir(), 'project.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'cli',
        context: [{ type: 'local-git', repo: fixture.source }],
        destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
      }),
    );
    const created = (await main(['projects', 'create', '--file', file], env)) as { id: string };
    expect(created.id).toMatch(/^prj_/);
    const listed = (await main(['projects', 'list'], env)) as { projects: { id: string }[] };
    expect(listed.projects.map((p) => p.id)).toContain(created.id);
  });

  it("reports the API's error with its field paths", async () => {
    await expect(
      main(['run', '--project', 'prj_missing', '--repo', '/tmp', '--base', 'a', '--head', 'b'], env),
    ).rejects.toThrow(/404 not_found: project prj_missing does not exist/);
    await expect(main(['reject', 'run_x', '--reason', 'r'], env)).rejects.toThrow(/404/);
  });

  it('explains usage and missing settings', async () => {
    await expect(main([], env)).rejects.toBeInstanceOf(UsageError);
    await expect(main(['reject', 'run_x'], env)).rejects.toThrow(/--reason is required/);
    await expect(main(['projects', 'list'], { DOCFLOW_URL: api.url })).rejects.toThrow(/DOCFLOW_API_KEY is not set/);
  });
});
