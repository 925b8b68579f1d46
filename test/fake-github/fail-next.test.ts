import { Octokit } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { statusOf } from './fixtures.js';

describe('fake GitHub: injected failures', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addRepo('acme/docs', { files: { 'README.md': 'hi\n' } });
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it('answers 429 with retry-after, which octokit waits out and retries', async () => {
    fake.failNext(
      { method: 'GET', pathPattern: /^\/repos\/acme\/docs$/ },
      { status: 429, headers: { 'retry-after': '1' } },
    );
    const octokit = new Octokit({
      auth: 'ghp_test',
      baseUrl: fake.url,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const started = Date.now();
    const repo = await octokit.rest.repos.get({ owner: 'acme', repo: 'docs' });
    expect(repo.data.full_name).toBe('acme/docs');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/acme/docs', '/repos/acme/docs']);
  });

  it('answers a primary rate limit 403 the given number of times', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    fake.failNext(
      { pathPattern: /\/contents\// },
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        body: { message: 'API rate limit exceeded' },
      },
      2,
    );
    const octokit = new Octokit({
      auth: 'ghp_test',
      baseUrl: fake.url,
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const failure = await octokit.rest.repos
      .getContent({ owner: 'acme', repo: 'docs', path: 'README.md' })
      .catch((e: { status: number; response: { headers: Record<string, string> } }) => e);
    expect(failure).toMatchObject({
      status: 403,
      response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } },
    });
    expect(await statusOf(octokit.rest.repos.getContent({ owner: 'acme', repo: 'docs', path: 'README.md' }))).toBe(403);
    expect(await statusOf(octokit.rest.repos.getContent({ owner: 'acme', repo: 'docs', path: 'README.md' }))).toBe(200);
    expect(await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'docs' }))).toBe(200);
  });
});
