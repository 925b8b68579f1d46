import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRepo } from '../support/git-repos.js';
import { DOCS_FILES, useFakeWithDocs } from './fixtures.js';

const repo = { owner: 'acme', repo: 'docs' };
const cli = DOCS_FILES['docs/cli.md'];
const CHANGES: Record<string, string | null> = {
  'docs/cli.md': cli
    .replace('- option 2\n', '- option 2\n- option 2b\n')
    .replace('- option 20\n', '')
    .replace('- option 29\n', '- option 29 (last)'),
  'docs/new.md': 'fresh\nfile',
  'docs/empty.md': '',
  'README.md': null,
  'guide/intro.md': DOCS_FILES['docs/intro.md'],
  'docs/intro.md': null,
};

describe('fake GitHub: compare', () => {
  const gh = useFakeWithDocs();

  it('answers JSON with commits, files and status', async () => {
    const head = gh.fake.commit('acme/docs', 'feature', CHANGES, 'docs: reshuffle');
    const { data } = await gh.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feature' });
    expect(data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(data.commits.map((c) => [c.sha, c.commit.message, c.commit.author?.name])).toEqual([
      [head, 'docs: reshuffle', 'Test'],
    ]);
    expect(data.merge_base_commit.sha).toBe(gh.fake.branches('acme/docs').main);
    expect(data.files?.find((f) => f.filename === 'guide/intro.md')).toMatchObject({
      status: 'renamed',
      previous_filename: 'docs/intro.md',
    });
    gh.fake.commit('acme/docs', 'main', { 'other.md': 'x\n' }, 'main moves on');
    const diverged = await gh.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feature' });
    expect(diverged.data).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1 });
  });

  it('answers a unified diff that git applies to the same files', async () => {
    gh.fake.commit('acme/docs', 'feature', CHANGES, 'docs: reshuffle');
    const { data } = await gh.octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      ...repo,
      basehead: 'main...feature',
      mediaType: { format: 'diff' },
    });
    const diff = data as unknown as string;
    expect(diff).toContain('diff --git a/docs/cli.md b/docs/cli.md\nindex ');
    expect(diff).toContain('\\ No newline at end of file');

    const local = initRepo(DOCS_FILES);
    execFileSync('git', ['-C', local, 'apply', '--check', '-'], { input: diff });
    execFileSync('git', ['-C', local, 'apply', '-'], { input: diff });
    for (const [file, text] of Object.entries(CHANGES)) {
      const full = path.join(local, file);
      expect(text === null ? fs.existsSync(full) : fs.readFileSync(full, 'utf8')).toBe(text === null ? false : text);
    }
  });
});
