import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChangeContext } from '../../db/repositories/suggestions.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { fakeLinearApiKey, startFakeLinear, type FakeLinear } from '../support/fake-linear/index.js';
import { commitFiles, flagChangeCli, initRepo, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let fake: FakeLinear;
let harness: Harness;
let api: TestApi;

beforeAll(async () => {
  fake = await startFakeLinear();
  fake.addIssue({
    identifier: 'ENG-123',
    title: 'Requests hang forever',
    description: 'Users need a way to stop waiting: add a `--timeout` flag to the CLI.',
    state: { name: 'In Review', type: 'started' },
    labels: ['cli'],
    comments: [{ body: 'Milliseconds, default 5000.', author: 'Bob', createdAt: '2026-01-01T10:00:00Z' }],
  });
  fake.addIssue({ identifier: 'OPS-7', title: 'Internal only: on-call rota' });
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
});

describe('Linear as context, end to end through the HTTP API', () => {
  let integrationId: string;

  it('refuses a wrong API key with 400 and stores nothing', async () => {
    const refused = await api.call('POST', '/v1/integrations', {
      provider: 'linear',
      baseUrl: fake.url,
      auth: { type: 'api_key', apiKey: 'lin_api_wrongKey0123456789abcdefgh' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'auth.apiKey', message: 'refused by Linear' }]);
    expect(await harness.db.selectFrom('integrations').select('id').execute()).toHaveLength(0);
  });

  it('connects with a personal API key and reports the organization', async () => {
    const connected = await api.call('POST', '/v1/integrations', {
      provider: 'linear',
      baseUrl: fake.url,
      auth: { type: 'api_key', apiKey: fakeLinearApiKey },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    expect(connected.body).toMatchObject({
      provider: 'linear',
      baseUrl: fake.url,
      auth: 'api_key',
      identity: { organization: 'Acme', urlKey: 'acme', user: 'Docs Bot' },
    });
    integrationId = connected.body.id;
  });

  it('refuses a context entry of an unknown integration or with a lower-case team, naming the field', async () => {
    const base = { name: 'bad', destinations: [{ type: 'local-git', repo: '/nowhere', baseBranch: 'main' }] };
    const unknown = await api.call('POST', '/v1/projects', {
      ...base,
      context: [{ type: 'linear', integrationId: 'int_nope', teams: ['ENG'] }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'context.0.integrationId', message: 'unknown integration' }]);
    const lower = await api.call('POST', '/v1/projects', {
      ...base,
      context: [{ type: 'linear', integrationId, teams: ['eng'] }],
    });
    expect(lower.status).toBe(400);
    expect(JSON.stringify(lower.body.error.details)).toContain('context.0.teams.0');
  });

  it('a run whose commit names ENG-123 cites the issue; the other team’s OPS-7 is ignored and said so', async () => {
    const source = initRepo({ 'src/cli.ts': flagChangeCli.cliBefore, 'README.md': '# app\n' });
    const base = sh(source, 'rev-parse', 'HEAD');
    const head = commitFiles(
      source,
      { 'src/cli.ts': flagChangeCli.cliAfter },
      'feat(cli): add --timeout (ENG-123)\n\nAlso unblocks OPS-7.',
    );
    const docs = initRepo({
      'docs/cli.md': [
        '# Command line',
        '',
        'Options:',
        '',
        '- `--port <number>`: Port to listen on. Default: `3000`.',
        '- `--host <name>`: Interface to bind. Default: `localhost`.',
        '',
      ].join('\n'),
    });
    const project = await api.call('POST', '/v1/projects', {
      name: 'app',
      context: [
        { type: 'local-git', repo: source, paths: ['src/**'] },
        { type: 'linear', integrationId, teams: ['ENG'] },
      ],
      destinations: [{ type: 'local-git', repo: docs, baseBranch: 'main', docsDir: 'docs' }],
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'local-git', repo: source, base, head },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = await eventually(async () => {
      const res = await api.call('GET', `/v1/runs/${started.body.id}`);
      if (res.body.status === 'failed') throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
      return res.body.status === 'awaiting_review' ? res.body : undefined;
    }, 'the run to await review');

    const [edit] = run.suggestion.edits;
    expect(edit.path).toBe('docs/cli.md');
    expect(edit.citations).toEqual([
      expect.objectContaining({ path: 'src/cli.ts', side: 'new' }),
      {
        path: 'ENG-123',
        side: 'new',
        startLine: 4,
        endLine: 4,
        excerpt: 'Users need a way to stop waiting: add a `--timeout` flag to the CLI.',
        kind: 'reference',
        url: 'https://linear.app/acme/issue/eng-123',
      },
    ]);
    expect(run.suggestion.summary).toContain('[ENG-123](https://linear.app/acme/issue/eng-123): Requests hang forever');
    expect(run.suggestion.summary).toContain("OPS-7: not read, team OPS is not among the Linear entry's teams (ENG)");

    // The stored context has the issue and the note; OPS-7 was never asked for.
    const row = await harness.db
      .selectFrom('change_contexts')
      .select('id')
      .where('run_id', '=', run.id)
      .executeTakeFirstOrThrow();
    const change = await findChangeContext(harness.db, row.id);
    expect(change?.references?.map((r) => r.id)).toEqual(['ENG-123']);
    expect(change?.references?.[0]?.text).toContain('State: In Review (started)');
    expect(change?.contextNotes).toEqual(["OPS-7: not read, team OPS is not among the Linear entry's teams (ENG)"]);
    expect(fake.requests.filter((r) => r.operation === 'DocflowIssue').map((r) => r.variables.id)).toEqual(['ENG-123']);
    expect(fake.refused).toEqual([]);
  });
});
