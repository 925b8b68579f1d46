import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordHistory } from '../support/histories.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
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

async function createProject(fixture: Fixture, review: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/v1/projects', {
    name: 'app',
    triggers: [{ type: 'manual' }],
    context: [{ type: 'local-git', repo: fixture.source, paths: ['src/**'] }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: true, expireAfter: '14d', ...review },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function startRun(projectId: string, fixture: Fixture, scenario?: string) {
  const res = await api.call('POST', `/v1/projects/${projectId}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    note: 'flag added',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.status).toBe('pending');
  if (scenario) recorded.push([scenario, res.body.id]);
  return res.body.id as string;
}

const runInStatus = (id: string, status: string, revision?: number) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed' && status !== 'failed')
      throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    if (revision !== undefined && res.body.suggestion?.revision !== revision) return undefined;
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

describe('a manual run through the HTTP API', () => {
  it('drafts, waits for review, and publishes a branch with one commit on approval', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture);
    const runId = await startRun(projectId, fixture, 'approve-publish');

    const awaiting = await runInStatus(runId, 'awaiting_review');
    expect(awaiting.suggestion.edits).toHaveLength(1);
    expect(awaiting.suggestion.edits[0].path).toBe('docs/cli.md');
    expect(awaiting.suggestion.edits[0].after).toContain('--timeout');
    expect(awaiting.suggestion.edits[0].citations[0].path).toBe('src/cli.ts');
    expect(awaiting.timeline.map((t: { status: string }) => t.status)).toEqual([
      'gathering_context',
      'drafting',
      'awaiting_review',
    ]);
    expect(awaiting.links.temporalUi).toBe(`http://temporal-ui.test/namespaces/default/workflows/${runId}`);

    const docsHeadBefore = sh(fixture.docs, 'rev-parse', 'HEAD');
    const statusBefore = sh(fixture.docs, 'status', '--porcelain');
    const approved = await api.call('POST', `/v1/runs/${runId}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { id: runId, status: 'publishing' } });

    const published = await runInStatus(runId, 'published');
    const branch = `docflow/${runId}`;
    expect(published.result.location).toContain(branch);
    expect(sh(fixture.docs, 'rev-list', '--count', `main..${branch}`)).toBe('1');
    const page = sh(fixture.docs, 'show', `${branch}:docs/cli.md`);
    expect(page).toMatch(/- `--port <number>`.*\n- `--timeout <ms>`.*\n- `--host <name>`/);
    // The docs repository's checkout was not touched.
    expect(sh(fixture.docs, 'rev-parse', 'HEAD')).toBe(docsHeadBefore);
    expect(sh(fixture.docs, 'status', '--porcelain')).toBe(statusBefore);

    const again = await api.call('POST', `/v1/runs/${runId}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_awaiting_review');

    const listed = await api.call('GET', `/v1/runs?projectId=${projectId}&status=published`);
    expect(listed.body.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
  });

  it('re-drafts on request-changes, then ends rejected with the reason', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture);
    const runId = await startRun(projectId, fixture, 'request-changes-reject');
    await runInStatus(runId, 'awaiting_review');

    const changes = await api.call('POST', `/v1/runs/${runId}/request-changes`, { feedback: 'mention the unit' });
    expect(changes).toMatchObject({ status: 200, body: { status: 'drafting' } });
    const redrafted = await runInStatus(runId, 'awaiting_review', 2);
    expect(redrafted.suggestion.feedback).toEqual(['mention the unit']);

    const rejected = await api.call('POST', `/v1/runs/${runId}/reject`, { reason: 'not needed' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected' } });
    const done = await runInStatus(runId, 'rejected');
    expect(done).toMatchObject({ reason: 'rejected_by_reviewer', message: 'not needed' });
    expect(sh(fixture.docs, 'branch', '--list', 'docflow/*')).toBe('');
  });

  it('expires a run nobody reviews', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture, { expireAfter: '2s' });
    const runId = await startRun(projectId, fixture, 'expired');
    const expired = await runInStatus(runId, 'expired');
    expect(expired.reason).toBe('review_expired');
    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(409);
  });

  it('re-gathers and re-drafts when the source gets new commits', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture);
    const runId = await startRun(projectId, fixture, 'source-updated');
    await runInStatus(runId, 'awaiting_review');

    const newHead = commitFiles(
      fixture.source,
      { 'src/cli.ts': fixture.cliAfter.replace("'--host <name>'", "'--bind <name>'") },
      'rename host',
    );
    const updated = await api.call('POST', `/v1/runs/${runId}/source`, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: 'main' },
    });
    expect(updated).toMatchObject({ status: 202, body: { id: runId } });
    const redrafted = await runInStatus(runId, 'awaiting_review', 2);
    expect(redrafted.source.head).toBe(newHead);
    expect(redrafted.timeline.filter((t: { status: string }) => t.status === 'gathering_context')).toHaveLength(2);
    await api.call('POST', `/v1/runs/${runId}/reject`, { reason: 'done testing' });
    await runInStatus(runId, 'rejected');
    const finished = await api.call('POST', `/v1/runs/${runId}/source`, {
      source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: newHead },
    });
    expect(finished.status).toBe(409);
  });

  it('ends no_changes with a reason when no page is affected', async () => {
    const fixture = flagChangeFixture();
    commitFiles(fixture.docs, { 'docs/cli.md': '# CLI\n\nRun it.\n' }, 'docs without flags');
    const projectId = await createProject(fixture);
    const runId = await startRun(projectId, fixture, 'no-changes');
    const done = await runInStatus(runId, 'no_changes');
    expect(done.reason).toBe('no_docs_affected');
    expect(done.message).toBeTruthy();
  });

  it('fails with edit_conflict when the docs changed under an approved suggestion', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture);
    const runId = await startRun(projectId, fixture, 'edit-conflict');
    await runInStatus(runId, 'awaiting_review');
    commitFiles(fixture.docs, { 'docs/cli.md': '# Command line\n\nRewritten.\n- `--port`\n' }, 'rewrite');
    await api.call('POST', `/v1/runs/${runId}/approve`);
    const failed = await runInStatus(runId, 'failed');
    expect(failed.reason).toBe('edit_conflict');
    expect(failed.message).toMatch(/docs\/cli\.md/);
  });
});
