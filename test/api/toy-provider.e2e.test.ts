import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../integrations/catalog.js';
import { providers } from '../../integrations/registry.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { flagChangeFolders } from '../support/toy-provider/flag-change-folders.js';
import { folder } from '../support/toy-provider/index.js';

// The whole registration of a new provider: one line. Worker, runs service and API all take it from here.
const catalog = createCatalog([...providers, folder]);

let harness: Harness;
let api: TestApi;

beforeAll(async () => {
  harness = await createHarness({ catalog });
  await harness.startWorker();
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed' && status !== 'failed')
      throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

describe('a provider that is one folder and one registry line (the test-only "folder" toy)', () => {
  it('runs end to end through the HTTP API: folder source → review → published to the outbox', async () => {
    const fixture = flagChangeFolders();
    const project = await api.call('POST', '/v1/projects', {
      name: 'folders',
      triggers: [{ type: 'manual' }],
      context: [{ type: 'folder', root: fixture.code }],
      destinations: [{ type: 'folder', root: fixture.docs, docsDir: 'docs' }],
      review: { required: true, expireAfter: '14d' },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);

    const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'folder', root: fixture.code, before: fixture.before, after: fixture.after },
      note: 'flag added',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.id as string;

    const awaiting = await runInStatus(runId, 'awaiting_review');
    expect(awaiting.source).toMatchObject({
      type: 'folder',
      before: 'v1',
      after: 'v2',
      pin: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(awaiting.suggestion.edits).toHaveLength(1);
    expect(awaiting.suggestion.edits[0]).toMatchObject({
      path: 'docs/cli.md',
      after: expect.stringContaining('--timeout'),
    });
    expect(awaiting.suggestion.edits[0].citations[0].path).toBe('src/cli.ts');
    expect(fs.existsSync(path.join(fixture.docs, '.docflow-outbox'))).toBe(false);

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const published = await runInStatus(runId, 'published');
    const outbox = path.join(fixture.docs, '.docflow-outbox', runId);
    expect(published.result.location).toBe(outbox);
    expect(fs.readFileSync(path.join(outbox, 'docs/cli.md'), 'utf8')).toMatch(
      /- `--port <number>`.*\n- `--timeout <ms>`.*\n- `--host <name>`/,
    );
    expect(JSON.parse(fs.readFileSync(path.join(outbox, 'manifest.json'), 'utf8'))).toMatchObject({
      runId,
      suggestionId: awaiting.suggestion.id,
      pages: ['docs/cli.md'],
    });
    // The docs themselves are untouched: a publish only fills the outbox.
    expect(fs.readFileSync(path.join(fixture.docs, 'docs/cli.md'), 'utf8')).not.toContain('--timeout');
  });

  it('documents the folder entries in /openapi.json', async () => {
    const res = await fetch(`${api.url}/openapi.json`);
    const text = JSON.stringify(await res.json());
    expect(res.status).toBe(200);
    for (const field of ['"docsDir"', '"root"']) expect(text).toContain(field);
    expect(text).toContain('"const":"folder"');
  });

  it('refuses a project whose folder entry cannot be used, naming the field', async () => {
    const fixture = flagChangeFolders();
    const missingDocs = await api.call('POST', '/v1/projects', {
      name: 'bad',
      triggers: [{ type: 'manual' }],
      context: [{ type: 'folder', root: fixture.code }],
      destinations: [{ type: 'folder', root: fixture.docs, docsDir: 'handbook' }],
    });
    expect(missingDocs.status).toBe(400);
    expect(missingDocs.body.error.details).toEqual([expect.objectContaining({ path: 'destinations.0.docsDir' })]);

    const relativeRoot = await api.call('POST', '/v1/projects', {
      name: 'bad',
      triggers: [{ type: 'manual' }],
      context: [{ type: 'folder', root: 'relative/dir' }],
      destinations: [{ type: 'folder', root: fixture.docs }],
    });
    expect(relativeRoot.status).toBe(400);
    expect(relativeRoot.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'context.0.root' })]),
    );
  });
});
