import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, UsageError } from '../../cli/main.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { commitFiles, flagChangeCli, initRepo, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

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

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Merges `branch` into main with a merge commit dated `at`. */
function mergeAt(repo: string, branch: string, at: string) {
  execFileSync('git', ['-C', repo, 'merge', '--no-ff', '-q', '-m', `Merge branch '${branch}'`, branch], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_DATE: at,
      GIT_COMMITTER_DATE: at,
    },
  });
  return sh(repo, 'rev-parse', 'HEAD');
}

/** A branch off main with one commit, merged back at `at`. */
function mergedBranch(repo: string, branch: string, files: Record<string, string>, message: string, at: string) {
  sh(repo, 'checkout', '-q', '-b', branch, 'main');
  commitFiles(repo, files, message);
  sh(repo, 'checkout', '-q', 'main');
  return mergeAt(repo, branch, at);
}

/**
 * A product repository whose main branch merged, over 40 days: an old change (outside a 30-day window), a new flag
 * (documented next to `--port`), a README-only change, a docflow branch, and an undocumented helper.
 */
function historyFixture() {
  const source = initRepo({ 'src/cli.ts': flagChangeCli.cliBefore, 'src/util.ts': 'export const one = 1;\n' });
  const merges = {
    old: mergedBranch(source, 'old-change', { 'src/util.ts': 'export const uno = 1;\n' }, 'rename one', daysAgo(40)),
    flag: mergedBranch(
      source,
      'feat/timeout',
      { 'src/cli.ts': flagChangeCli.cliAfter },
      'feat(cli): add --timeout',
      daysAgo(20),
    ),
    readme: mergedBranch(source, 'docs/readme', { 'README.md': '# app\n\nHello.\n' }, 'readme', daysAgo(10)),
    docflow: mergedBranch(source, 'docflow/run_x', { 'src/util.ts': 'export const uno = 2;\n' }, 'docs', daysAgo(5)),
    helper: mergedBranch(
      source,
      'feat/helper',
      { 'src/helper.ts': 'export function internalHelper() {\n  return 2;\n}\n' },
      'internal helper',
      daysAgo(2),
    ),
  };
  const docs = initRepo({
    'docs/cli.md': [
      '# Command line',
      '',
      'Options:',
      '',
      '- `--port <number>`: Port to listen on. Default: `3000`.',
      '- `--host <name>`: Interface to bind. Default: `localhost`.',
      '',
    ].join('\n'),
  });
  return { source, docs, merges };
}

async function createProject(fixture: ReturnType<typeof historyFixture>) {
  const res = await api.call('POST', '/v1/projects', {
    name: 'backfilled',
    triggers: [{ type: 'local-git', repo: fixture.source, branch: 'main', paths: ['src/**'] }, { type: 'manual' }],
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const finished = (id: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/backfills/${id}`);
    expect(res.status).toBe(200);
    if (res.body.status === 'failed') throw new Error(`backfill failed: ${res.body.detail}`);
    return res.body.status === 'completed' ? res.body : undefined;
  }, `backfill ${id} to complete`);

describe("backfill over a local repository's history", () => {
  let fixture: ReturnType<typeof historyFixture>;
  let projectId: string;
  beforeAll(async () => {
    fixture = historyFixture();
    projectId = await createProject(fixture);
  });

  it("a dry run lists the window's merges with what would happen to each, starting nothing", async () => {
    const started = await api.call('POST', `/v1/projects/${projectId}/backfill`, { since: '30d', dryRun: true });
    expect(started, JSON.stringify(started.body)).toMatchObject({ status: 202, body: { status: 'listing' } });
    const backfill = await finished(started.body.id);

    expect(backfill.progress).toEqual({ done: 4, total: 4 });
    expect(backfill.triggers).toEqual([
      { index: 0, type: 'local-git', status: 'listed', changes: 4 },
      { index: 1, type: 'manual', status: 'manual', message: expect.any(String) },
    ]);
    const byHead = Object.fromEntries(backfill.items.map((i: any) => [i.source.head, i]));
    expect(Object.keys(byHead)).not.toContain(fixture.merges.old);
    expect(backfill.items.map((i: any) => i.source.head)).toEqual([
      fixture.merges.flag,
      fixture.merges.readme,
      fixture.merges.docflow,
      fixture.merges.helper,
    ]);
    expect(byHead[fixture.merges.flag].outcome).toMatchObject({
      status: 'would_update',
      pages: ['docs/cli.md'],
      confidence: expect.any(Number),
    });
    expect(byHead[fixture.merges.flag].outcome.confidence).toBeGreaterThan(0);
    expect(byHead[fixture.merges.flag].outcome.impacted[0].path).toBe('docs/cli.md');
    expect(byHead[fixture.merges.readme].outcome).toMatchObject({ status: 'skipped', reason: 'paths_filtered' });
    expect(byHead[fixture.merges.docflow].outcome).toMatchObject({ status: 'skipped', reason: 'opened_by_docflow' });
    expect(byHead[fixture.merges.helper].outcome).toMatchObject({ status: 'no_changes' });
    expect(backfill.items.every((i: any) => i.run === undefined)).toBe(true);

    const runs = await api.call('GET', `/v1/runs?projectId=${projectId}`);
    expect(runs).toMatchObject({ status: 200, body: { runs: [] } });
  });

  it('shows progress while it runs: listed first, then changes assessed one batch at a time', async () => {
    const started = await api.call('POST', `/v1/projects/${projectId}/backfill`, { since: '30d' });
    const seen: string[] = [];
    await eventually(async () => {
      const res = await api.call('GET', `/v1/backfills/${started.body.id}`);
      seen.push(`${res.body.status}:${res.body.progress.done}/${res.body.progress.total ?? '?'}`);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 'the backfill to complete');
    expect(seen[0]).toMatch(/^(listing:0\/\?|assessing:\d\/4|completed:4\/4)$/);
    expect(seen.at(-1)).toBe('completed:4/4');
  });

  it('with dryRun false starts at most max runs, and a second backfill starts none of them again', async () => {
    const first = await finished(
      (await api.call('POST', `/v1/projects/${projectId}/backfill`, { since: '30d', dryRun: false, max: 1 })).body.id,
    );
    const started = first.items.filter((i: any) => i.run);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ source: { head: fixture.merges.flag }, run: { status: 'started' } });
    const runId = started[0].run.runId;
    const run = await eventually(async () => {
      const res = await api.call('GET', `/v1/runs/${runId}`);
      return res.body.status === 'awaiting_review' ? res.body : undefined;
    }, 'the backfilled run to await review');
    expect(run.trigger).toBe('backfill:local-git');
    expect(run.suggestion.edits[0].path).toBe('docs/cli.md');

    const second = await finished(
      (await api.call('POST', `/v1/projects/${projectId}/backfill`, { since: '30d', dryRun: false, max: 2 })).body.id,
    );
    expect(second.items.filter((i: any) => i.run).map((i: any) => i.run)).toEqual([
      { runId, status: 'already_run' },
      { runId: expect.any(String), status: 'started' },
    ]);
  });

  it('docflow backfill follows the backfill to the end and prints what would happen to each change', async () => {
    const env = { DOCFLOW_URL: api.url, DOCFLOW_API_KEY: api.key };
    const lines = (await main(['backfill', '--project', projectId, '--since', '30d', '--dry-run'], env)) as string[];
    expect(lines[0]).toBe('trigger 0 (local-git): 4 changes');
    expect(lines.find((l) => l.includes('feat/timeout'))).toMatch(/would update docs\/cli\.md \(confidence 0\.\d+\)$/);
    expect(lines.find((l) => l.includes('docs/readme'))).toContain('skipped: paths_filtered');
    const json = (await main(['backfill', '--project', projectId, '--since', '30d', '--json'], env)) as any;
    expect(json).toMatchObject({ status: 'completed', dryRun: true, progress: { done: 4, total: 4 } });
    await expect(
      main(['backfill', '--project', projectId, '--since', '30d', '--dry-run', '--start'], env),
    ).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses a bad window or cap with a 400 naming the field, and records nothing', async () => {
    const count = async () =>
      Number(
        (
          await harness.db
            .selectFrom('backfills')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const body of [
      { since: 'last month' },
      { since: '400d' },
      { since: '30d', max: 0 },
      { since: '30d', extra: 1 },
    ]) {
      const res = await api.call('POST', `/v1/projects/${projectId}/backfill`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details?.[0]?.path ?? res.body.error.message).toMatch(/since|max|extra/);
    }
    expect(await count()).toBe(before);
    expect((await api.call('POST', '/v1/projects/prj_missing/backfill', { since: '30d' })).status).toBe(404);
    expect((await api.call('GET', '/v1/backfills/bfl_missing')).status).toBe(404);
  });
});
