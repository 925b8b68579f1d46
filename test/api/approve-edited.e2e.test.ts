import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { recordHistory } from '../support/histories.js';
import { commitFiles, flagChangeFixture, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let harness: Harness;
let api: TestApi;

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
});
const recorded: [string, string][] = [];
afterAll(async () => {
  for (const [name, runId] of recorded) recordHistory(inject('temporalAddress'), name, runId);
  await api?.close();
  await harness?.close();
});

type Fixture = ReturnType<typeof flagChangeFixture>;

async function awaitingRun(fixture: Fixture, extra: Record<string, unknown> = {}) {
  const project = await api.call('POST', '/v1/projects', {
    name: 'app',
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    ...extra,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  return runInStatus(started.body.id, 'awaiting_review');
}

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

describe('POST /v1/runs/:id/approve-edited', () => {
  it("publishes the reviewer's text as a new revision by that reviewer", async () => {
    const fixture = flagChangeFixture();
    const run = await awaitingRun(fixture);
    const after = run.suggestion.edits[0].after.replace(/Request timeout in milliseconds/, 'Request timeout (ms)');
    const res = await api.call('POST', `/v1/runs/${run.id}/approve-edited`, {
      suggestionId: run.suggestion.id,
      edits: [{ index: 0, after }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: run.id,
      status: 'publishing',
      suggestionId: expect.stringMatching(`^sug_${run.id}_rev2_`),
    });
    const published = await runInStatus(run.id, 'published');
    recorded.push(['approve-edited', run.id]);
    expect(published.suggestion).toMatchObject({
      id: res.body.suggestionId,
      revision: 2,
      drafter: 'reviewer:test admin',
    });
    expect(sh(fixture.docs, 'show', `docflow/${run.id}:docs/cli.md`)).toContain('Request timeout (ms)');
  });

  it('refuses edits that no longer apply, that change nothing, or that target a stale draft; nothing is stored', async () => {
    const fixture = flagChangeFixture();
    const run = await awaitingRun(fixture);
    const edit = run.suggestion.edits[0];
    const same = await api.call('POST', `/v1/runs/${run.id}/approve-edited`, {
      edits: [{ index: 0, after: edit.before }],
    });
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual([
      { path: 'edits.0.after', message: expect.stringContaining('same as before') },
    ]);
    const missing = await api.call('POST', `/v1/runs/${run.id}/approve-edited`, { edits: [{ index: 3, after: 'x' }] });
    expect(missing.status).toBe(400);
    const stale = await api.call('POST', `/v1/runs/${run.id}/approve-edited`, {
      suggestionId: 'sug_other',
      edits: [{ index: 0, after: `${edit.after}more\n` }],
    });
    expect(stale.status).toBe(409);

    // The page changed on the docs branch since the draft: the edited text no longer applies.
    commitFiles(fixture.docs, { 'docs/cli.md': '# Command line\n\nRewritten.\n' }, 'rewrite');
    const conflict = await api.call('POST', `/v1/runs/${run.id}/approve-edited`, {
      edits: [{ index: 0, after: `${edit.after}more\n` }],
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('edit_conflict');
    expect(conflict.body.error.details[0].path).toBe('edits.0.after');

    const rows = await harness.db.selectFrom('suggestions').select('id').where('run_id', '=', run.id).execute();
    expect(rows).toHaveLength(1);
    expect((await api.call('GET', `/v1/runs/${run.id}`)).body.status).toBe('awaiting_review');
  });

  it('is refused to a reviewer the project does not name', async () => {
    const fixture = flagChangeFixture();
    const run = await awaitingRun(fixture, { reviewers: { users: ['ana'] } });
    const { key } = await createApiKey(harness.db, { name: 'bob', role: 'reviewer' });
    const res = await fetch(`${api.url}/v1/runs/${run.id}/approve-edited`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ edits: [{ index: 0, after: `${run.suggestion.edits[0].after}x\n` }] }),
    });
    expect(res.status).toBe(403);
  });
});
