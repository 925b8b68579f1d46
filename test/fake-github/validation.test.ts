import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Octokit } from 'octokit';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeWithDocs, statusOf, untyped } from './fixtures.js';

const repo = { owner: 'acme', repo: 'docs' };

describe('fake GitHub: checks requests against the OpenAPI description', () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  let request: ReturnType<typeof untyped>;
  beforeEach(async () => {
    ({ fake, octokit } = await fakeWithDocs());
    request = untyped(octokit);
  });
  afterEach(() => fake.close());

  it('rejects a body missing a required property and records it', async () => {
    fake.commit('acme/docs', 'b', { 'a.md': 'a\n' }, 'a');
    const status = await statusOf(request('POST /repos/{owner}/{repo}/pulls', { ...repo, title: 'x', base: 'main' }));
    expect(status).toBe(422);
    expect(fake.violations).toEqual([
      { method: 'POST', path: '/repos/acme/docs/pulls', problems: ["body must have required property 'head'"] },
    ]);
  });

  it('rejects wrongly typed bodies, query and path parameters', async () => {
    expect(
      await statusOf(
        request('POST /repos/{owner}/{repo}/git/trees', {
          ...repo,
          tree: [{ path: 'a', mode: '100645', type: 'blob', content: 'a' }],
        }),
      ),
    ).toBe(422);
    expect(await statusOf(request('GET /repos/{owner}/{repo}/pulls', { ...repo, state: 'merged' }))).toBe(422);
    expect(
      await statusOf(request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: 'abc' })),
    ).toBe(404);
    expect(await statusOf(request('POST /repos/{owner}/{repo}/git/blobs', { ...repo, content: 42 }))).toBe(422);
    fake.commit('acme/docs', 'b', { 'a.md': 'a\n' }, 'a');
    const { number } = fake.addPull('acme/docs', { title: 't', head: 'b', base: 'main' });
    expect(
      await statusOf(
        request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: number, draft: false }),
      ),
    ).toBe(422);
    expect(fake.violations.map((v) => v.problems[0])).toEqual([
      'body/tree/0/mode must be equal to one of the allowed values (100644, 100755, 040000, 160000, 120000)',
      "query parameter 'state' must be equal to one of the allowed values (open, closed, all)",
      "path parameter 'pull_number' must be integer",
      'body/content must be string',
      "body has unknown property 'draft'",
    ]);
  });

  it('rejects unknown query parameters and unknown routes', async () => {
    expect(await statusOf(request('GET /repos/{owner}/{repo}/pulls?sha=main', repo))).toBe(400);
    expect(await statusOf(request('GET /repos/{owner}/{repo}/no-such-thing', repo))).toBe(404);
    expect(await statusOf(request('DELETE /repos/{owner}/{repo}/compare/a...b', repo))).toBe(404);
    expect(fake.violations.map((v) => v.problems)).toEqual([
      ["unknown query parameter 'sha'"],
      ["no path in GitHub's OpenAPI description matches /repos/acme/docs/no-such-thing"],
      ['DELETE is not an operation of /repos/{owner}/{repo}/compare/{base}...{head}'],
    ]);
  });

  it('answers 501 for operations GitHub has but the fake does not implement', async () => {
    expect(await statusOf(octokit.rest.repos.listBranches(repo))).toBe(501);
    expect(fake.violations).toEqual([
      {
        method: 'GET',
        path: '/repos/acme/docs/branches',
        problems: ['GET /repos/{owner}/{repo}/branches is not implemented by the fake'],
      },
    ]);
  });

  it('records every request and answers 401 without credentials', async () => {
    const anonymous = octokit.constructor as typeof Octokit;
    expect(
      await statusOf(
        new anonymous({ baseUrl: fake.url, retry: { enabled: false }, throttle: { enabled: false } }).rest.repos.get(
          repo,
        ),
      ),
    ).toBe(401);
    expect(await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'missing' }))).toBe(404);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/docs',
      'GET /repos/acme/missing',
    ]);
    expect(fake.violations).toEqual([]);
  });
});
