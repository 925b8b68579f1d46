import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { initRepo, sh } from '../support/git-repos.js';
import { DOCS_FILES, useFakeWithDocs } from './fixtures.js';

describe('fake GitHub: reading a seeded repository', () => {
  const gh = useFakeWithDocs();

  it('serves the repository, its files and its commit', async () => {
    const repo = await gh.octokit.rest.repos.get({ owner: 'acme', repo: 'docs' });
    expect(repo.data).toMatchObject({
      full_name: 'acme/docs',
      default_branch: 'main',
      topics: ['docflow'],
      private: false,
      owner: { login: 'acme' },
    });
    expect(repo.headers['x-ratelimit-remaining']).toBeDefined();
    expect(repo.headers['content-type']).toBe('application/json; charset=utf-8');

    const file = await gh.octokit.rest.repos.getContent({ owner: 'acme', repo: 'docs', path: 'docs/intro.md' });
    const data = file.data as { content: string; encoding: string; sha: string };
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(DOCS_FILES['docs/intro.md']);
    const dir = await gh.octokit.rest.repos.getContent({ owner: 'acme', repo: 'docs', path: 'docs', ref: 'main' });
    expect((dir.data as Array<{ name: string; type: string }>).map((e) => e.name)).toEqual(['cli.md', 'intro.md']);
    expect(
      await gh.octokit.rest.repos
        .getContent({ owner: 'acme', repo: 'docs', path: 'nope.md' })
        .catch((e: { status: number }) => e.status),
    ).toBe(404);

    const commit = await gh.octokit.rest.repos.getCommit({ owner: 'acme', repo: 'docs', ref: 'main' });
    expect(commit.data.sha).toBe(gh.headSha);
    expect(commit.data.files?.map((f) => f.status)).toEqual(['added', 'added', 'added']);
    const ref = await gh.octokit.rest.git.getRef({ owner: 'acme', repo: 'docs', ref: 'heads/main' });
    expect(ref.data.object.sha).toBe(gh.headSha);
    expect(
      await gh.octokit.rest.git
        .getRef({ owner: 'acme', repo: 'docs', ref: 'heads/missing' })
        .catch((e: { status: number }) => e.status),
    ).toBe(404);
  });

  it('computes blob, tree and commit ids exactly as git does', async () => {
    const local = initRepo(DOCS_FILES);
    const tree = await gh.octokit.rest.git.getTree({
      owner: 'acme',
      repo: 'docs',
      tree_sha: gh.headSha,
      recursive: '1',
    });
    expect(tree.data.sha).toBe(sh(local, 'rev-parse', 'HEAD^{tree}'));
    expect(tree.data.tree.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.path}`).join('\n')).toBe(
      sh(local, 'ls-tree', '-r', '-t', 'HEAD'),
    );
    const blob = await gh.octokit.rest.git.getBlob({
      owner: 'acme',
      repo: 'docs',
      file_sha: sh(local, 'rev-parse', 'HEAD:README.md'),
    });
    expect(Buffer.from(blob.data.content, 'base64').toString()).toBe(DOCS_FILES['README.md']);

    const date = '2024-03-04T05:06:07Z';
    const person = { name: 'Ann', email: 'ann@example.com', date };
    const made = await gh.octokit.rest.git.createCommit({
      owner: 'acme',
      repo: 'docs',
      message: 'same commit\n',
      tree: tree.data.sha,
      parents: [],
      author: person,
      committer: person,
    });
    const env = {
      GIT_AUTHOR_NAME: 'Ann',
      GIT_AUTHOR_EMAIL: 'ann@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Ann',
      GIT_COMMITTER_EMAIL: 'ann@example.com',
      GIT_COMMITTER_DATE: date,
    };
    const byGit = execFileSync('git', ['-C', local, 'commit-tree', tree.data.sha, '-m', 'same commit'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }).trim();
    expect(made.data.sha).toBe(byGit);
  });

  it('searches code on the default branch', async () => {
    const result = await gh.octokit.rest.search.code({ q: '"--port" repo:acme/docs extension:md' });
    expect(result.data.total_count).toBe(1);
    expect(result.data.items[0]).toMatchObject({
      name: 'intro.md',
      path: 'docs/intro.md',
      repository: { full_name: 'acme/docs' },
    });
    expect(result.headers['x-ratelimit-resource']).toBe('code_search');
    expect(
      await gh.octokit.rest.search.code({ q: 'port repo:acme/elsewhere' }).catch((e: { status: number }) => e.status),
    ).toBe(422);
  });
});
