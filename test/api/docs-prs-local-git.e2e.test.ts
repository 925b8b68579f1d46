import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { commitFiles, flagChangeFixture, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

// In a local repository a docs "PR" is the branch docflow/<run>: open while it exists and is not merged,
// merged once the base branch contains it, closed once deleted.

let harness: Harness;
let api: TestApi;

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

async function createProject(fixture: ReturnType<typeof flagChangeFixture>, limits: Record<string, unknown>) {
  const project = await api.call('POST', '/v1/projects', {
    name: 'local docs PRs',
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: false },
    limits,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  return project.body.id as string;
}

async function startRun(projectId: string, fixture: ReturnType<typeof flagChangeFixture>): Promise<string> {
  const started = await api.call('POST', `/v1/projects/${projectId}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return started.body.id;
}

const runReaches = (runId: string, status: string) =>
  eventually(
    async () => {
      const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
      if (run.status === 'failed') throw new Error(`run failed: ${run.reason}: ${run.message}`);
      return run.status === status ? run : undefined;
    },
    `${runId} ${status}`,
    45_000,
  );

const check = async (projectId: string) => {
  const res = await api.call('POST', `/v1/projects/${projectId}/docs-prs/check`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { counts: Record<string, number>; details: string[] };
};

const branchHead = (repo: string, branch: string) => sh(repo, 'branch', '--list', branch).trim();

describe('docs PR limits on a local git destination (the branch is the PR)', () => {
  it('rebuilds a branch whose base moved, frees the slot once the branch is merged, and the queued run drafts against the merged docs', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture, { openDocsPRs: 1 });
    const first = await startRun(projectId, fixture);
    await runReaches(first, 'published');
    const second = await startRun(projectId, fixture);
    const queued = await runReaches(second, 'queued');
    expect(queued.reason).toBe('docs_pr_limit');
    expect(queued.message).toMatch(/^1 docflow docs PRs are open in .+ \(limit 1\)$/);

    // The base branch changes the page elsewhere: the branch is rebuilt on it with the same edit.
    commitFiles(
      fixture.docs,
      { 'docs/cli.md': `${sh(fixture.docs, 'show', 'main:docs/cli.md')}\nSee also the configuration file.\n` },
      'docs: see also',
    );
    const rebuilt = await check(projectId);
    expect(rebuilt.counts).toMatchObject({ checked: 1, rebuilt: 1 });
    const page = sh(fixture.docs, 'show', `docflow/${first}:docs/cli.md`);
    expect(page).toContain('See also the configuration file.');
    expect(page).toContain('--timeout');
    expect(sh(fixture.docs, 'merge-base', 'main', `docflow/${first}`).trim()).toBe(
      sh(fixture.docs, 'rev-parse', 'main').trim(),
    );

    // A person merges it: the next check records it merged and releases the queued run.
    sh(fixture.docs, 'merge', '--no-ff', '-m', 'Merge docs PR', `docflow/${first}`);
    const merged = await check(projectId);
    expect(merged.counts).toMatchObject({ checked: 1, merged: 1 });
    // Queued before gathering, it drafts against the docs as they are now: --timeout is documented already.
    const done = await runReaches(second, 'no_changes');
    expect(done.timeline.map((t: { status: string }) => t.status)).toContain('queued');
    const prs = (await api.call('GET', `/v1/projects/${projectId}/docs-prs`)).body.docsPRs;
    expect(prs.find((pr: { runId: string }) => pr.runId === first).state).toBe('merged');
  });

  it('leaves a branch whose edit no longer applies as it is, and deletes one left unreviewed past docsPRExpiry', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture, { openDocsPRs: 2, docsPRExpiry: '1h' });
    const run = await startRun(projectId, fixture);
    await runReaches(run, 'published');
    const before = branchHead(fixture.docs, `docflow/${run}`);
    expect(before).not.toBe('');

    // The base rewrites the line the edit is anchored on: nothing applies, so the branch is not touched.
    const page = sh(fixture.docs, 'show', 'main:docs/cli.md');
    commitFiles(
      fixture.docs,
      { 'docs/cli.md': page.replace('- `--port <number>`: Port to listen on.', '- `--port <n>`: The port.') },
      'docs: reword --port',
    );
    const tip = sh(fixture.docs, 'rev-parse', `docflow/${run}`);
    const conflicted = await check(projectId);
    expect(conflicted.counts).toMatchObject({ checked: 1, conflict: 1 });
    expect(conflicted.details).toEqual([`${run}: conflict (no longer applies: docs/cli.md)`]);
    expect(sh(fixture.docs, 'rev-parse', `docflow/${run}`)).toBe(tip);

    await harness.db
      .updateTable('docs_prs')
      .set({ opened_at: new Date(Date.now() - 2 * 3_600_000) })
      .where('run_id', '=', run)
      .execute();
    const expired = await check(projectId);
    expect(expired.counts).toMatchObject({ checked: 1, expired: 1 });
    expect(branchHead(fixture.docs, `docflow/${run}`)).toBe('');
    const prs = (await api.call('GET', `/v1/projects/${projectId}/docs-prs`)).body.docsPRs;
    expect(prs.find((pr: { runId: string }) => pr.runId === run).state).toBe('expired');
  });
});
