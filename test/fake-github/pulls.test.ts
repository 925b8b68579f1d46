import { describe, expect, it } from 'vitest';
import { useFakeWithDocs } from './fixtures.js';

const repo = { owner: 'acme', repo: 'docs' };

describe('fake GitHub: pull requests and comments', () => {
  const gh = useFakeWithDocs();

  it('opens a pull request and answers 422 for a duplicate', async () => {
    const head = gh.fake.commit(
      'acme/docs',
      'docflow/run-1',
      { 'docs/intro.md': '# Introduction\n\nChanged.\n' },
      'docs: change intro',
    );
    const created = await gh.octokit.rest.pulls.create({
      ...repo,
      title: 'Docs update',
      head: 'docflow/run-1',
      base: 'main',
      body: 'Why',
      draft: true,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      state: 'open',
      draft: true,
      merged: false,
      head: { ref: 'docflow/run-1', sha: head, repo: { full_name: 'acme/docs' } },
      base: { ref: 'main' },
      user: { login: 'test-user', type: 'User' },
    });
    const duplicate = await gh.octokit.rest.pulls
      .create({ ...repo, title: 'Again', head: 'acme:docflow/run-1', base: 'main' })
      .catch((e: { status: number; message: string }) => e);
    expect(duplicate).toMatchObject({
      status: 422,
      message: expect.stringContaining('A pull request already exists for acme:docflow/run-1.'),
    });

    const found = await gh.octokit.rest.pulls.list({ ...repo, head: 'acme:docflow/run-1', state: 'open' });
    expect(found.data.map((p) => p.number)).toEqual([1]);
    expect((await gh.octokit.rest.pulls.list({ ...repo, head: 'acme:other' })).data).toEqual([]);

    await gh.octokit.rest.pulls.update({ ...repo, pull_number: 1, title: 'Docs update (2)', state: 'closed' });
    expect(gh.fake.pulls('acme/docs')).toEqual([
      {
        number: 1,
        title: 'Docs update (2)',
        body: 'Why',
        head: 'docflow/run-1',
        base: 'main',
        draft: true,
        state: 'closed',
        merged: false,
        requestedReviewers: [],
        requestedTeams: [],
      },
    ]);
  });

  it('lists files page by page with a Link header, and commits', async () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`docs/page-${i}.md`, `# Page ${i}\n`]));
    gh.fake.commit('acme/docs', 'many', files, 'add pages');
    gh.fake.commit(
      'acme/docs',
      'many',
      {
        'README.md': null,
        'docs/cli.md': gh.fake
          .readFile('acme/docs', 'main', 'docs/cli.md')!
          .replace('- option 3\n', '- option three\n'),
      },
      'edit',
    );
    const { number } = gh.fake.addPull('acme/docs', { title: 'Pages', head: 'many', base: 'main', labels: ['docs'] });
    const first = await gh.octokit.rest.pulls.listFiles({ ...repo, pull_number: number, per_page: 3 });
    expect(first.headers.link).toContain('rel="next"');
    const all = await gh.octokit.paginate(gh.octokit.rest.pulls.listFiles, {
      ...repo,
      pull_number: number,
      per_page: 3,
    });
    expect(all.map((f) => `${f.status} ${f.filename}`)).toEqual([
      'removed README.md',
      'modified docs/cli.md',
      ...Object.keys(files).map((f) => `added ${f}`),
    ]);
    const cli = all.find((f) => f.filename === 'docs/cli.md')!;
    expect(cli).toMatchObject({ additions: 1, deletions: 1, changes: 2 });
    expect(cli.patch).toBe(
      '@@ -3,7 +3,7 @@\n - option 0\n - option 1\n - option 2\n-- option 3\n+- option three\n - option 4\n - option 5\n - option 6',
    );
    const commits = await gh.octokit.rest.pulls.listCommits({ ...repo, pull_number: number });
    expect(commits.data.map((c) => c.commit.message)).toEqual(['add pages', 'edit']);
    const pull = await gh.octokit.rest.pulls.get({ ...repo, pull_number: number });
    expect(pull.data).toMatchObject({ commits: 2, changed_files: 7, labels: [{ name: 'docs' }] });
    const diff = await gh.octokit.rest.pulls.get({ ...repo, pull_number: number, mediaType: { format: 'diff' } });
    expect(diff.data as unknown as string).toContain('diff --git a/docs/cli.md b/docs/cli.md\n');
  });

  it('posts, lists and edits issue comments', async () => {
    gh.fake.commit('acme/docs', 'b', { 'a.md': 'a\n' }, 'a');
    const { number } = gh.fake.addPull('acme/docs', { title: 'T', head: 'b', base: 'main', number: 7 });
    const posted = await gh.octokit.rest.issues.createComment({ ...repo, issue_number: number, body: 'first' });
    expect(posted.status).toBe(201);
    await gh.octokit.rest.issues.updateComment({ ...repo, comment_id: posted.data.id, body: 'edited' });
    const listed = await gh.octokit.rest.issues.listComments({ ...repo, issue_number: number });
    expect(listed.data.map((c) => c.body)).toEqual(['edited']);
    expect(gh.fake.comments('acme/docs', 7)).toEqual([{ id: posted.data.id, body: 'edited' }]);
  });
});
