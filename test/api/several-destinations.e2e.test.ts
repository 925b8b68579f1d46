import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordHistory } from '../support/histories.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { commitFiles, flagChangeFixture, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

// The GitHub docs repository documents the flags on a page of its own, worded differently from the local one.
const githubDocs = 'acme/docs';
const githubPage =
  '# Options\n\nStart the server with these:\n\n- `--port <number>`: Port to listen on. Default: `3000`.\n- `--host <name>`: Interface to bind. Default: `localhost`.\n';

let fake: FakeGitHub;
let harness: Harness;
let api: TestApi;
let integrationId: string;

beforeAll(async () => {
  fake = await startFakeGitHub();
  fake.addRepo(githubDocs, { files: { 'docs/options.md': githubPage } });
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'github',
    baseUrl: fake.url,
    auth: { type: 'token', token: 'github_pat_several_0123456789abcdefghij' },
    webhookSecret: 'several-destinations-secret',
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  integrationId = integration.body.id;
});
afterEach(() => {
  expect(fake.violations).toEqual([]);
});
const recorded: [string, string][] = [];
afterAll(async () => {
  for (const [name, runId] of recorded) recordHistory(inject('temporalAddress'), name, runId);
  await api?.close();
  await harness?.close();
  await fake?.close();
});

type Fixture = ReturnType<typeof flagChangeFixture>;

/** A page of the review app, signed in with the admin key as a person would (login form, CSRF cookie, session). */
async function reviewAppPage(path: string): Promise<string> {
  const cookieOf = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
  const login = await fetch(`${api.url}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
  const signedIn = await fetch(`${api.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(login) },
    body: new URLSearchParams({ _csrf: csrf, key: api.key }).toString(),
  });
  expect(signedIn.status).toBe(303);
  const page = await fetch(`${api.url}${path}`, { headers: { cookie: cookieOf(signedIn) } });
  expect(page.status).toBe(200);
  return page.text();
}

const githubDestination = () => ({
  type: 'github',
  integrationId,
  repo: githubDocs,
  baseBranch: 'main',
  docsDir: 'docs',
});
const localDestination = (fixture: Fixture) => ({
  type: 'local-git',
  repo: fixture.docs,
  baseBranch: 'main',
  docsDir: 'docs',
});

async function createProject(fixture: Fixture, destinations: unknown[]) {
  const res = await api.call('POST', '/v1/projects', {
    name: 'several',
    context: [{ type: 'local-git', repo: fixture.source, paths: ['src/**'] }],
    destinations,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function startRun(projectId: string, fixture: Fixture, scenario?: string) {
  const res = await api.call('POST', `/v1/projects/${projectId}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  if (scenario) recorded.push([scenario, res.body.id]);
  return res.body.id as string;
}

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed' && status !== 'failed')
      throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

describe('a project with several destinations', () => {
  it('drafts each destination from its own pages, groups the edits, and publishes to both on approval', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture, [githubDestination(), localDestination(fixture)]);
    const runId = await startRun(projectId, fixture, 'several-destinations-publish');

    const awaiting = await runInStatus(runId, 'awaiting_review');
    const edits = awaiting.suggestion.edits as { path: string; after: string; destination?: number }[];
    expect(edits.map((e) => [e.destination, e.path])).toEqual([
      [0, 'docs/options.md'],
      [1, 'docs/cli.md'],
    ]);
    expect(edits.every((e) => e.after.includes('--timeout'))).toBe(true);
    expect(awaiting.suggestion.destinations).toEqual([
      { position: 0, type: 'github', edits: [0] },
      { position: 1, type: 'local-git', edits: [1] },
    ]);

    // The review app shows the edits under their destination.
    const page = await reviewAppPage(`/runs/${runId}`);
    expect(page).toMatch(
      /Destination 0 \(github\)[\s\S]*Edit 1: docs\/options\.md[\s\S]*Destination 1 \(local-git\)[\s\S]*Edit 2: docs\/cli\.md/,
    );

    // A reviewer's text for the second destination's edit is checked against that destination's own page.
    const stale = await api.call('POST', `/v1/runs/${runId}/approve-edited`, {
      edits: [{ index: 1, after: edits[1]!.after + '\nSee [limits](missing.md).\n' }],
    });
    expect(stale.status, JSON.stringify(stale.body)).toBe(400);
    expect(stale.body.error.details[0].path).toBe('edits.1.after');
    const reviewed = edits[1]!.after.replace('--timeout <ms>', '--timeout <milliseconds>');
    const approved = await api.call('POST', `/v1/runs/${runId}/approve-edited`, {
      edits: [{ index: 1, after: reviewed }],
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const published = await runInStatus(runId, 'published');
    const branch = `docflow/${runId}`;
    const pull = fake.pulls(githubDocs).find((p) => p.head === branch)!;
    expect(pull.state).toBe('open');
    expect(fake.readFile(githubDocs, branch, 'docs/options.md')).toContain('--timeout');
    expect(sh(fixture.docs, 'show', `${branch}:docs/cli.md`)).toContain('--timeout <milliseconds>');
    expect(fake.readFile(githubDocs, branch, 'docs/options.md')).not.toContain('<milliseconds>');
    expect(published.result.location).toMatch(new RegExp(`/pull/${pull.number}$`));
    expect(published.result.destinations).toEqual([
      { type: 'github', location: published.result.location, url: published.result.location },
      { type: 'local-git', location: `${fixture.docs}#${branch}` },
    ]);
  });

  it('undoes the published destination when a later one fails for good, and ends failed naming both', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture, [githubDestination(), localDestination(fixture)]);
    const runId = await startRun(projectId, fixture, 'several-destinations-undo');
    await runInStatus(runId, 'awaiting_review');

    // The local docs page changes after drafting: its edit no longer applies, which no retry can fix.
    commitFiles(fixture.docs, { 'docs/cli.md': '# Command line\n\nSee `--help`.\n' }, 'rewrite the CLI page');
    const approved = await api.call('POST', `/v1/runs/${runId}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const failed = await runInStatus(runId, 'failed');
    const branch = `docflow/${runId}`;
    expect(failed.reason).toBe('edit_conflict');
    expect(failed.message).toMatch(/^destination 1 \(local-git\) failed: /);
    const pull = fake.pulls(githubDocs).find((p) => p.head === branch)!;
    expect(failed.message).toContain(`Undone: destination 0 (github): closed pull request`);
    expect(failed.message).toContain(`/pull/${pull.number}, deleted branch ${branch} in ${githubDocs}`);
    expect(pull.state).toBe('closed');
    expect(fake.branches(githubDocs)[branch]).toBeUndefined();
    expect(sh(fixture.docs, 'branch', '--list', branch)).toBe('');
    expect(failed.result).toBeUndefined();
  });

  it('keeps a single destination exactly as before: no positions on edits, no grouping, one location', async () => {
    const fixture = flagChangeFixture();
    const projectId = await createProject(fixture, [localDestination(fixture)]);
    const runId = await startRun(projectId, fixture);
    const awaiting = await runInStatus(runId, 'awaiting_review');
    expect(awaiting.suggestion.edits).toHaveLength(1);
    expect(awaiting.suggestion.edits[0]).not.toHaveProperty('destination');
    expect(awaiting.suggestion).not.toHaveProperty('destinations');
    await api.call('POST', `/v1/runs/${runId}/approve`);
    const published = await runInStatus(runId, 'published');
    expect(published.result).toEqual({ location: `${fixture.docs}#docflow/${runId}` });
  });

  it('refuses destinations that cannot publish as one unit, storing nothing', async () => {
    const fixture = flagChangeFixture();
    const before = (await api.call('GET', '/v1/projects')).body.projects.length;
    const create = (destinations: unknown[]) =>
      api.call('POST', '/v1/projects', {
        name: 'refused',
        context: [{ type: 'local-git', repo: fixture.source }],
        destinations,
      });

    const twice = await create([localDestination(fixture), localDestination(fixture)]);
    expect(twice.status).toBe(400);
    expect(twice.body.error.details).toContainEqual({
      path: 'destinations.1.type',
      message: 'a project may have one destination of each type; "local-git" is already destination 0',
    });

    // A run keeps one record of the articles it saved: two help centers are refused, the second named.
    const intercom = { type: 'intercom-articles', integrationId: 'int_intercom' };
    const webflow = {
      type: 'webflow-cms',
      integrationId: 'int_webflow',
      siteId: 'a'.repeat(24),
      collectionId: 'b'.repeat(24),
      fields: { body: 'post-body' },
    };
    const helpCenters = await create([localDestination(fixture), intercom, webflow]);
    expect(helpCenters.status).toBe(400);
    expect(helpCenters.body.error.details).toEqual([
      {
        path: 'destinations.2',
        message: 'a project may have one help-center destination; destination 1 is one already',
      },
    ]);

    // Docs PR limits count one docs PR per run: refused with several destinations.
    const limited = await api.call('POST', '/v1/projects', {
      name: 'refused',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [githubDestination(), localDestination(fixture)],
      limits: { openDocsPRs: 2 },
    });
    expect(limited.status).toBe(400);
    expect(limited.body.error.details).toContainEqual({ path: 'limits', message: 'needs exactly one destination' });

    const none = await create([]);
    expect(none.status).toBe(400);
    expect((await api.call('GET', '/v1/projects')).body.projects.length).toBe(before);
  });
});
