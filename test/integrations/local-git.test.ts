import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import os from 'node:os';
import { createLocalGitDestination } from '../../integrations/local-git/destination.js';
import { createLocalGitSource } from '../../integrations/local-git/source.js';

import type { Project } from '../../core/project.js';
import { commitFiles, flagChangeFixture, initRepo, sh } from '../support/git-repos.js';

const localGitSource = createLocalGitSource([os.tmpdir()]);
const localGitDestination = createLocalGitDestination([os.tmpdir()]);

const projectReading = (context: Project['context']): Project => ({
  id: 'prj_test',
  name: 'test',
  triggers: [{ type: 'manual' }],
  context,
  destinations: [],
  review: { required: true, expireAfter: '1d' },
  drafting: {},
  createdAt: '',
  updatedAt: '',
});

describe('local-git source', () => {
  it('gathers the diff, commit messages and touched files, limited by the context paths', async () => {
    const fixture = flagChangeFixture();
    const head = commitFiles(
      fixture.source,
      { 'README.md': '# app\n\nmore\n', 'src/extra.ts': 'export const x = 1;\n' },
      'docs and extra',
    );
    const source = { type: 'local-git' as const, repo: fixture.source, base: fixture.base, head };
    const gathered = await localGitSource.gatherContext(
      source,
      projectReading([{ type: 'local-git', repo: fixture.source, paths: ['src/**'] }]),
    );
    if (!('change' in gathered)) throw new Error('expected a change');
    const { change } = gathered;
    expect(change.files.map((f) => [f.path, f.status])).toEqual([
      ['src/cli.ts', 'modified'],
      ['src/extra.ts', 'added'],
    ]);
    expect(change.diff).toContain("+  .option('--timeout <ms>'");
    expect(change.diff).not.toContain('README.md');
    expect(change.commits.map((c) => c.message)).toEqual(['docs and extra', 'feat(cli): add --timeout']);
    // The head commit's author, by name only (the address is personal data).
    expect(change.author).toBe('Test');
    expect(change.files[0]!.content).toBe(fixture.cliAfter);
  });

  it('pins symbolic revisions to commit ids, so a moving branch cannot change what the run reads', async () => {
    const fixture = flagChangeFixture();
    const pinned = await localGitSource.validateSource(
      { type: 'local-git', repo: fixture.source, base: 'main~1', head: 'main' },
      projectReading([{ type: 'local-git', repo: fixture.source }]),
    );
    expect(pinned).toEqual({ type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head });
  });

  it.each([
    [
      'an unknown revision',
      (f: ReturnType<typeof flagChangeFixture>) => ({ base: f.base, head: 'nope' }),
      /revision "nope"/,
    ],
    [
      'a blob instead of a commit',
      (f: ReturnType<typeof flagChangeFixture>) => ({ base: f.base, head: `${f.head}:src/cli.ts` }),
      /does not name a commit/,
    ],
  ])('refuses %s', async (_name, revs, message) => {
    const fixture = flagChangeFixture();
    const error = await localGitSource
      .validateSource(
        { type: 'local-git', repo: fixture.source, ...revs(fixture) },
        projectReading([{ type: 'local-git', repo: fixture.source }]),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('invalid_source');
    expect(error.message).toMatch(message);
  });
});

describe('local-git destination', () => {
  const destination = (repo: string) => ({ type: 'local-git' as const, repo, baseBranch: 'main', docsDir: 'docs' });
  const edit = { path: 'docs/a.md', before: 'old line', after: 'new line', rationale: 'r', citations: [] };
  const request = {
    runId: 'run_x',
    suggestionId: 'sug_x_1',
    title: 'docs: update',
    body: 'because',
    edits: [edit],
    timestamp: 1_700_000_000_000,
    sourceLabel: 'src',
    sourceMerged: false,
  };

  it('reads only the docs folder', async () => {
    const repo = initRepo({ 'docs/a.md': '# A\n', 'docs/img.png': 'x', 'src/b.md': '# B\n' });
    const snapshot = await localGitDestination.readDocs(destination(repo));
    expect(snapshot.pages.map((p) => p.path)).toEqual(['docs/a.md']);
    expect(snapshot.revision).toBe(sh(repo, 'rev-parse', 'main'));
  });

  it('publishes one commit on a new branch without touching the checkout, and is idempotent', async () => {
    const repo = initRepo({ 'docs/a.md': '# A\n\nold line\n', 'docs/b.md': 'b\n' });
    sh(repo, 'checkout', '-q', '-b', 'feature');
    fs.writeFileSync(`${repo}/docs/a.md`, 'dirty working tree');
    const statusBefore = sh(repo, 'status', '--porcelain');

    const first = await localGitDestination.publish(destination(repo), request);
    const second = await localGitDestination.publish(destination(repo), request);
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    expect(sh(repo, 'show', `${first.branch}:docs/a.md`)).toBe('# A\n\nnew line');
    expect(sh(repo, 'rev-list', '--count', `main..${first.branch}`)).toBe('1');
    expect(sh(repo, 'log', '-1', '--format=%B', first.branch!)).toContain('Docflow-Suggestion: sug_x_1');
    expect(sh(repo, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('feature');
    expect(sh(repo, 'status', '--porcelain')).toBe(statusBefore);
  });

  it('produces the same commit when a lost attempt is retried', async () => {
    const repo = initRepo({ 'docs/a.md': 'old line\n' });
    const first = await localGitDestination.publish(destination(repo), request);
    sh(repo, 'branch', '-D', first.branch!);
    const retried = await localGitDestination.publish(destination(repo), request);
    expect(retried.commit).toBe(first.commit);
  });

  it("moves the run's branch to a newer suggestion of the same run, and refuses branches that are not its own", async () => {
    const repo = initRepo({ 'docs/a.md': 'old line\n' });
    const first = await localGitDestination.publish(destination(repo), request);
    const redraft = await localGitDestination.publish(destination(repo), {
      ...request,
      suggestionId: 'sug_x_2',
      edits: [{ ...edit, after: 'newer line' }],
    });
    expect(redraft.commit).not.toBe(first.commit);
    expect(sh(repo, 'show', `${redraft.branch}:docs/a.md`)).toBe('newer line');
    expect(sh(repo, 'rev-list', '--count', `main..${redraft.branch}`)).toBe('1');
    await expect(
      localGitDestination.publish(destination(repo), { ...request, runId: 'run_other', suggestionId: 'sug_y' }),
    ).resolves.toMatchObject({ created: true });
    sh(repo, 'branch', '-f', 'docflow/run_z', 'main');
    await expect(
      localGitDestination.publish(destination(repo), { ...request, runId: 'run_z', suggestionId: 'sug_z' }),
    ).rejects.toMatchObject({ code: 'branch_conflict' });
  });

  it('refuses edits that no longer apply', async () => {
    const moved = initRepo({ 'docs/a.md': 'rewritten\n' });
    await expect(localGitDestination.publish(destination(moved), request)).rejects.toMatchObject({
      code: 'edit_conflict',
    });
    await expect(
      localGitDestination.publish(destination(moved), { ...request, edits: [{ ...edit, path: 'src/x.md' }] }),
    ).rejects.toMatchObject({ code: 'edit_conflict', message: /outside the docs folder/ });
    expect(sh(moved, 'branch', '--list', 'docflow/*')).toBe('');
  });

  it('refuses a repository without the base branch', async () => {
    const repo = initRepo({ 'docs/a.md': 'x\n' });
    await expect(
      localGitDestination.validateDestination({ ...destination(repo), baseBranch: 'trunk' }),
    ).rejects.toMatchObject({ code: 'invalid_destination', message: /branch "trunk"/ });
  });
});
