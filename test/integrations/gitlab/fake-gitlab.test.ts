import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGitLabCredentials, startFakeGitLab, type FakeGitLab } from '../../support/fake-gitlab/index.js';

// The fake is only worth its "zero violations" if it refuses what GitLab refuses.
let fake: FakeGitLab;
const docs = 'acme/docs';
const project = `/projects/${encodeURIComponent(docs)}`;

beforeAll(async () => {
  fake = await startFakeGitLab();
  fake.addProject(docs, { files: { 'docs/a.md': '# A\n' } });
});
afterAll(async () => {
  await fake.close();
});

async function call(method: string, path: string, body?: unknown, token = fakeGitLabCredentials.token) {
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers: { 'private-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const commit = (extra: Record<string, unknown>) => ({
  branch: 'docflow/x',
  commit_message: 'm',
  start_sha: fake.branches(docs).main,
  ...extra,
});

describe('the fake GitLab refuses what GitLab refuses', () => {
  it('a wrong token is 401; an unknown or unencoded project is 404', async () => {
    expect((await call('GET', '/user', undefined, 'glpat-wrong')).status).toBe(401);
    expect((await call('GET', '/projects/acme%2Fmissing')).status).toBe(404);
    expect((await call('GET', `/projects/${docs}/repository/branches/main`)).status).toBe(404);
    expect(fake.violations.splice(0)).toEqual([
      expect.objectContaining({ path: `/api/v4/projects/${docs}/repository/branches/main` }),
    ]);
    expect((await call('GET', `${project}/repository/branches/main`)).status).toBe(200);
  });

  it('malformed commit actions are 400 and recorded as violations; nothing is committed', async () => {
    const before = fake.branches(docs);
    const violations = fake.violations.length;
    const bad = [
      commit({ actions: [] }),
      commit({ actions: [{ action: 'upsert', file_path: 'docs/b.md', content: 'x' }] }),
      commit({ actions: [{ action: 'create', file_path: '../b.md', content: 'x' }] }),
      commit({ actions: [{ action: 'create', file_path: 'docs/a.md', content: 'exists already' }] }),
      commit({ actions: [{ action: 'update', file_path: 'docs/none.md', content: 'missing' }] }),
      commit({ actions: [{ action: 'update', file_path: 'docs/a.md' }] }),
      { branch: 'docflow/y', commit_message: 'no start', actions: [{ action: 'create', file_path: 'c', content: '' }] },
    ];
    for (const body of bad) expect((await call('POST', `${project}/repository/commits`, body)).status).toBe(400);
    expect(fake.violations.length).toBe(violations + bad.length);
    expect(fake.branches(docs)).toEqual(before);
    fake.violations.splice(violations);
  });

  it('an existing branch with a start point is refused unless forced (a race, not a violation)', async () => {
    const actions = [{ action: 'create', file_path: 'docs/b.md', content: '# B\n' }];
    expect((await call('POST', `${project}/repository/commits`, commit({ actions }))).status).toBe(201);
    const raced = await call('POST', `${project}/repository/commits`, commit({ actions }));
    expect(raced.status).toBe(400);
    expect(raced.body.message).toContain('already exists');
    const forced = await call('POST', `${project}/repository/commits`, commit({ actions, force: true }));
    expect(forced.status).toBe(201);
    expect(fake.commitsAhead(docs, 'docflow/x', 'main')).toEqual([forced.body.id]);
    expect(fake.violations).toEqual([]);
  });

  it('paginates with X-Next-Page and Link, and answers 429 with Retry-After and RateLimit-Reset past its limit', async () => {
    for (let i = 0; i < 3; i++) fake.addUser(`user${i}`);
    const mr = fake.addMergeRequest(docs, { title: 't', source: 'docflow/x' });
    for (let i = 0; i < 3; i++) await call('POST', `${project}/merge_requests/${mr.iid}/notes`, { body: `note ${i}` });
    const first = await call('GET', `${project}/merge_requests/${mr.iid}/notes?per_page=2`);
    expect(first.body).toHaveLength(2);
    expect(first.headers.get('x-next-page')).toBe('2');
    expect(first.headers.get('link')).toContain('rel="next"');
    const last = await call('GET', `${project}/merge_requests/${mr.iid}/notes?per_page=2&page=2`);
    expect(last.body).toHaveLength(1);
    expect(last.headers.get('x-next-page')).toBe('');
    fake.limitTo(1);
    expect((await call('GET', '/user')).status).toBe(200);
    const limited = await call('GET', '/user');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });
});
