import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { auditFixture } from '../support/audit-fixture.js';
import { sh } from '../support/git-repos.js';
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

/** A project whose code and docs are one repository (`docs/` beside `src/`), as the fixture makes it. */
async function createProject(repo: string) {
  const res = await api.call('POST', '/v1/projects', {
    name: 'acme',
    triggers: [{ type: 'manual' }],
    context: [{ type: 'local-git', repo }],
    destinations: [{ type: 'local-git', repo, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: true, expireAfter: '14d' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed' && status !== 'failed')
      throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

const runCount = async () => (await api.call('GET', '/v1/runs')).body.runs.length as number;

describe('the project-level docs audit through the HTTP API (local git)', () => {
  it('opens one run that fixes the renamed env var, lists the removed flag and route, and publishes a branch', async () => {
    const fixture = auditFixture('stale');
    const head = sh(fixture.repo, 'rev-parse', 'HEAD');
    const projectId = await createProject(fixture.repo);

    const started = await api.call('POST', `/v1/projects/${projectId}/audit`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.id as string;

    const awaiting = await runInStatus(runId, 'awaiting_review');
    expect(awaiting.trigger).toBe('audit');
    expect(awaiting.source).toEqual({ type: 'docs-audit', repo: fixture.repo, ref: head });
    const { edits, summary } = awaiting.suggestion;
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({
      path: 'docs/reference.md',
      before: '- `APP_TIMEOUT_MS`: environment variable, request timeout in milliseconds.\n',
      after: '- `APP_REQUEST_TIMEOUT_MS`: environment variable, request timeout in milliseconds.\n',
    });
    expect(edits[0].rationale).toContain(fixture.envCommit.slice(0, 7));
    expect(edits[0].citations).toEqual([
      expect.objectContaining({
        kind: 'reference',
        path: `commit ${fixture.envCommit.slice(0, 7)}`,
        excerpt: expect.stringMatching(/^\+.*env\.APP_REQUEST_TIMEOUT_MS/),
      }),
    ]);
    expect(summary).toContain('Renamed (fixed by these edits):\n- docs/reference.md:34 `APP_TIMEOUT_MS` (env)');
    expect(summary).toContain(
      'Gone, for a person to rewrite or remove:\n- docs/reference.md:33 `--legacy-output` (flag)',
    );
    expect(summary).toContain('- docs/reference.md:35 `/v1/export` (route)');

    expect((await api.call('POST', `/v1/runs/${runId}/approve`)).status).toBe(200);
    const published = await runInStatus(runId, 'published');
    const branch = `docflow/${runId}`;
    expect(published.result.location).toContain(branch);
    const page = sh(fixture.repo, 'show', `${branch}:docs/reference.md`);
    expect(page).toContain('- `APP_REQUEST_TIMEOUT_MS`: environment variable');
    expect(page).not.toContain('`APP_TIMEOUT_MS`');
    expect(page).toContain('- `--legacy-output`: Write the old format.');
    // The commit (a docs PR's body on a code host) lists what is left for a person.
    const message = sh(fixture.repo, 'log', '-1', '--format=%B', branch);
    expect(message).toContain('Gone, for a person to rewrite or remove:');
    expect(message).toContain('`--legacy-output` (flag)');
    expect(message).toContain('`/v1/export` (route)');
    expect(message).toContain(`cites \`commit ${fixture.envCommit.slice(0, 7)}\` lines`);
  });

  it('ends no_changes with "no stale references" on a clean repository, started as a plain source entry', async () => {
    const fixture = auditFixture('clean');
    const projectId = await createProject(fixture.repo);
    // The entry a schedule trigger carries (`{"type":"schedule","cron":…,"source":{…}}`) is an ordinary source.
    const started = await api.call('POST', `/v1/projects/${projectId}/runs`, {
      source: { type: 'docs-audit', repo: fixture.repo },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await runInStatus(started.body.id, 'no_changes');
    expect(done.message).toContain('no stale references');
    expect(sh(fixture.repo, 'branch', '--list', 'docflow/*')).toBe('');
  });

  it('through the CLI: docflow audit --project starts the same run', async () => {
    const fixture = auditFixture('clean');
    const projectId = await createProject(fixture.repo);
    const env = { DOCFLOW_URL: api.url, DOCFLOW_API_KEY: api.key };
    const started = (await main(['audit', '--project', projectId, '--ref', 'HEAD~1'], env)) as { id: string };
    const run = await runInStatus(started.id, 'no_changes');
    expect(run.source).toMatchObject({
      type: 'docs-audit',
      repo: fixture.repo,
      ref: sh(fixture.repo, 'rev-parse', 'HEAD~1'),
    });
  });

  it('is described in /openapi.json for editors', async () => {
    const document = (await api.call('GET', '/openapi.json')).body;
    const operation = document.paths['/v1/projects/{id}/audit'].post;
    expect(operation['x-required-role']).toBe('editor');
    expect(Object.keys(operation.requestBody.content['application/json'].schema.properties)).toEqual([
      'repo',
      'ref',
      'note',
    ]);
  });

  it('refuses bad entries with a specific 400 and starts nothing', async () => {
    const fixture = auditFixture('clean');
    const other = auditFixture('clean');
    const projectId = await createProject(fixture.repo);
    const before = await runCount();
    const refused = async (body: unknown, code: string, text: RegExp, path = `/v1/projects/${projectId}/audit`) => {
      const res = await api.call('POST', path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(JSON.stringify(res.body.error)).toMatch(text);
    };
    await refused({ repo: 'relative/app' }, 'invalid_source', /absolute path/);
    await refused({ repo: other.repo }, 'invalid_source', /not a context entry of this project/);
    await refused({ ref: 'no-such-branch' }, 'invalid_source', /does not name a commit/);
    await refused({ ref: '--output=/tmp/x' }, 'invalid_request', /not a valid git revision/);
    await refused({ repo: 'https://github.com/acme/app' }, 'invalid_source', /not built yet/);
    await refused({ code: fixture.repo }, 'invalid_request', /code/);
    const runs = `/v1/projects/${projectId}/runs`;
    await refused({ source: { type: 'docs-audit', repo: 42 } }, 'invalid_source', /source\.repo/, runs);
    await refused({ source: { type: 'docs-audit', repo: fixture.repo, extra: 1 } }, 'invalid_source', /extra/, runs);
    expect((await api.call('POST', '/v1/projects/prj_missing/audit', {})).status).toBe(404);
    expect(await runCount()).toBe(before);
  });
});
