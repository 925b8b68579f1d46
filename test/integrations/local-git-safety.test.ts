import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../core/project.js';
import { createIntegrations } from '../../integrations/integrations.js';
import { createLocalGitDestination } from '../../integrations/local-git/destination.js';
import { localGitRoots } from '../../integrations/local-git/roots.js';
import { createLocalGitSource } from '../../integrations/local-git/source.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture, initRepo, sh, tempDir } from '../support/git-repos.js';
import { createHarness, type Harness } from '../support/harness.js';
import { providerDefaults } from '../support/provider-deps.js';
import { testLogger } from '../support/test-logger.js';

const project = (repo: string): Project =>
  ({ id: 'prj_x', context: [{ type: 'local-git', repo }], triggers: [], destinations: [] }) as unknown as Project;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('local-git roots', () => {
  const allowed = tempDir('docflow-root-');
  const outside = initRepo({ 'a.md': '# a\n' });
  const inside = path.join(allowed, 'repo');
  fs.renameSync(initRepo({ 'a.md': '# a\n' }), inside);
  const source = createLocalGitSource([allowed]);
  const destination = createLocalGitDestination([allowed]);

  it('defaults to the data dir and the temporary folder, and to nothing in production', () => {
    expect(localGitRoots({ env: {}, dataDir: '/srv/docflow', production: false })).toEqual([
      '/srv/docflow',
      expect.any(String),
    ]);
    expect(localGitRoots({ env: {}, dataDir: '/srv/docflow', production: true })).toEqual([]);
    expect(localGitRoots({ env: { DOCFLOW_LOCAL_GIT_ROOTS: '/a:/b' }, dataDir: '/x', production: true })).toEqual([
      '/a',
      '/b',
    ]);
  });

  it('accepts a repository inside a root', async () => {
    await expect(source.validateContext!({ type: 'local-git', repo: inside })).resolves.toBeUndefined();
  });

  it('refuses repositories outside every root, however the path is spelled', async () => {
    const link = path.join(allowed, 'sneaky');
    fs.symlinkSync(outside, link);
    const dotted = path.join(allowed, '..', path.basename(outside));
    for (const repo of [outside, link, dotted, '/proc/self/cwd']) {
      const error = await failure(source.validateContext!({ type: 'local-git', repo }));
      expect(error, repo).toMatchObject({
        code: 'invalid_request',
        message: expect.stringMatching(/DOCFLOW_LOCAL_GIT_ROOTS/),
      });
    }
    const pinned = await failure(
      source.validateSource({ type: 'local-git', repo: link, base: 'HEAD', head: 'HEAD' }, project(link)),
    );
    expect(pinned).toMatchObject({ code: 'invalid_source' });
    const published = await failure(
      destination.validateDestination({ type: 'local-git', repo: link, baseBranch: 'main', docsDir: '' }),
    );
    expect(published).toMatchObject({ code: 'invalid_destination' });
  });

  it('refuses every repository until the operator names roots, in production', async () => {
    const none = createLocalGitSource([]);
    expect(await failure(none.validateContext!({ type: 'local-git', repo: inside }))).toMatchObject({
      message: expect.stringMatching(/disabled.*DOCFLOW_LOCAL_GIT_ROOTS/),
    });
  });
});

describe('a project naming a repository outside the roots', () => {
  let harness: Harness;
  let api: TestApi;
  beforeAll(async () => {
    harness = await createHarness();
    const root = tempDir('docflow-root-');
    const integrations = createIntegrations({
      db: harness.db,
      secrets: harness.secrets,
      logger: testLogger(),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
      env: { DOCFLOW_LOCAL_GIT_ROOTS: root },
    });
    api = await startTestApi(harness, { integrations });
  });
  afterAll(async () => {
    await api?.close();
    await harness?.close();
  });

  it('is refused with 400 naming the rule, and nothing is stored', async () => {
    const fixture = flagChangeFixture();
    const created = await api.call('POST', '/v1/projects', {
      name: 'escape',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
    });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toMatch(
      /outside the folders local repositories may live in \(DOCFLOW_LOCAL_GIT_ROOTS/,
    );
    expect(created.body.error.details[0].path).toBe('context.0.repo');
    expect((await api.call('GET', '/v1/projects')).body.projects).toEqual([]);
  });
});

describe('a repository whose own config tries to run code', () => {
  it('is read and written without running any of it', async () => {
    const fixture = flagChangeFixture();
    const markers = tempDir('docflow-markers-');
    const hooks = tempDir('docflow-hooks-');
    const touch = (name: string) => `sh -c 'touch ${path.join(markers, name)}; cat'`;
    for (const hook of ['reference-transaction', 'post-commit', 'pre-commit']) {
      fs.writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch ${path.join(markers, hook)}\n`, { mode: 0o755 });
    }
    for (const repo of [fixture.source, fixture.docs]) {
      sh(repo, 'config', 'core.fsmonitor', `touch ${path.join(markers, 'fsmonitor')}`);
      sh(repo, 'config', 'core.hooksPath', hooks);
      sh(repo, 'config', 'diff.external', touch('external-diff'));
      sh(repo, 'config', 'diff.evil.textconv', touch('textconv'));
      sh(repo, 'config', 'core.pager', touch('pager'));
      sh(repo, 'config', 'filter.evil.clean', touch('clean-filter'));
      fs.writeFileSync(path.join(repo, '.git', 'info', 'attributes'), '* diff=evil filter=evil\n');
    }
    const roots = [path.dirname(fixture.source), path.dirname(fixture.docs)];
    const source = createLocalGitSource(roots);
    const destination = createLocalGitDestination(roots);
    const gathered = await source.gatherContext(
      { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
      project(fixture.source),
    );
    expect('change' in gathered && gathered.change.diff).toMatch(/--timeout/);
    const docs = await destination.readDocs({
      type: 'local-git',
      repo: fixture.docs,
      baseBranch: 'main',
      docsDir: 'docs',
    });
    const page = docs.pages[0]!;
    await destination.publish(
      { type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' },
      {
        runId: 'run_safe',
        suggestionId: 'sug_safe',
        title: 'docs: t',
        body: 'b',
        timestamp: 1_700_000_000_000,
        sourceLabel: 'x',
        sourceMerged: true,
        edits: [{ path: page.path, before: 'Options:', after: 'Flags:', rationale: 'r', citations: [] }],
      },
    );
    expect(sh(fixture.docs, 'show', 'docflow/run_safe:docs/cli.md')).toMatch(/Flags:/);
    expect(fs.readdirSync(markers)).toEqual([]);
  });
});
