import { describe, expect, it } from 'vitest';
import { useFakeWithDocs, statusOf } from './fixtures.js';

const repo = { owner: 'acme', repo: 'docs' };

describe('fake GitHub: writing git data', () => {
  const gh = useFakeWithDocs();

  it('writes blobs, a tree over base_tree, a commit and a branch, and reads the files back', async () => {
    const blob = await gh.octokit.rest.git.createBlob({
      ...repo,
      content: Buffer.from('# New\n').toString('base64'),
      encoding: 'base64',
    });
    const base = await gh.octokit.rest.git.getCommit({ ...repo, commit_sha: gh.headSha });
    const tree = await gh.octokit.rest.git.createTree({
      ...repo,
      base_tree: base.data.tree.sha,
      tree: [
        { path: 'docs/new.md', mode: '100644', type: 'blob', sha: blob.data.sha },
        { path: 'docs/intro.md', mode: '100644', type: 'blob', content: '# Introduction\n\nRewritten.\n' },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    const commit = await gh.octokit.rest.git.createCommit({
      ...repo,
      message: 'docs: update',
      tree: tree.data.sha,
      parents: [gh.headSha],
    });
    expect(commit.data.author.name).toBe('test-user');
    await gh.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/docflow/update', sha: commit.data.sha });

    expect(gh.fake.branches('acme/docs')).toEqual({ main: gh.headSha, 'docflow/update': commit.data.sha });
    expect(gh.fake.readFile('acme/docs', 'docflow/update', 'docs/new.md')).toBe('# New\n');
    expect(gh.fake.readFile('acme/docs', 'docflow/update', 'README.md')).toBeUndefined();
    expect(gh.fake.readFile('acme/docs', 'docflow/update', 'docs/cli.md')).toBe(
      gh.fake.readFile('acme/docs', 'main', 'docs/cli.md'),
    );
    const file = await gh.octokit.rest.repos.getContent({ ...repo, path: 'docs/intro.md', ref: 'docflow/update' });
    expect(Buffer.from((file.data as { content: string }).content, 'base64').toString()).toBe(
      '# Introduction\n\nRewritten.\n',
    );
    const listing = await gh.octokit.rest.git.getTree({ ...repo, tree_sha: tree.data.sha });
    expect(listing.data.tree.map((e) => e.path)).toEqual(['docs']);
  });

  it('refuses an existing ref and a non-fast-forward update unless forced', async () => {
    expect(await statusOf(gh.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/main', sha: gh.headSha }))).toBe(
      422,
    );
    const side = gh.fake.commit('acme/docs', 'side', { 'x.md': 'x\n' }, 'side');
    const other = await gh.octokit.rest.git.createCommit({
      ...repo,
      message: 'unrelated',
      tree: (await gh.octokit.rest.git.getCommit({ ...repo, commit_sha: gh.headSha })).data.tree.sha,
      parents: [],
    });
    const error = await gh.octokit.rest.git
      .updateRef({ ...repo, ref: 'heads/side', sha: other.data.sha, force: false })
      .catch((e: { status: number; message: string }) => e);
    expect(error).toMatchObject({ status: 422, message: expect.stringContaining('Update is not a fast forward') });
    const ahead = gh.fake.commit('acme/docs', 'ahead', { 'y.md': 'y\n' }, 'ahead');
    await gh.octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: ahead });
    await gh.octokit.rest.git.updateRef({ ...repo, ref: 'heads/side', sha: other.data.sha, force: true });
    expect(gh.fake.branches('acme/docs')).toMatchObject({ main: ahead, side: other.data.sha });
    expect(side).not.toBe(other.data.sha);
    expect(
      await statusOf(gh.octokit.rest.git.createCommit({ ...repo, message: 'm', tree: '0'.repeat(40), parents: [] })),
    ).toBe(422);
  });
});
