import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceAdapter } from '../../../integrations/contract.js';
import { docsAudit } from '../../../integrations/docs-audit/index.js';
import type { DocsAuditSource } from '../../../integrations/docs-audit/schemas.js';
import { auditFixture } from '../../support/audit-fixture.js';
import { commitFiles } from '../../support/git-repos.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { projectReading } from './project-reading.js';
import { sourceContract } from './source-contract.js';

/** The audit's source, reading the fixture's docs page as the project's destination would hand it over. */
function auditSource(docsPage: string) {
  const adapters = docsAudit.create({
    ...providerDefaults,
    readProjectDocs: async () => ({ revision: 'main', pages: [{ path: 'docs/reference.md', text: docsPage }] }),
  } as never);
  return adapters.source as SourceAdapter<DocsAuditSource>;
}

sourceContract('docs-audit', { symbolic: true, refusesUnknownRevisions: true }, async () => {
  const fixture = auditFixture('clean');
  const docs = fs.readFileSync(path.join(fixture.docs, 'reference.md'), 'utf8');
  const s: DocsAuditSource = { type: 'docs-audit', repo: fixture.repo, ref: 'main' };
  return {
    adapter: auditSource(docs),
    project: projectReading([{ type: 'local-git', repo: fixture.repo }]),
    source: s,
    // The head drops `--host`, which the page names: only an audit of the new head may report it.
    move: async () =>
      void commitFiles(
        fixture.repo,
        {
          'src/cli.ts': fs
            .readFileSync(path.join(fixture.repo, 'src/cli.ts'), 'utf8')
            .replace(/\n\s*\.option\('--host[^\n]*/, ''),
        },
        'feat!: drop --host',
      ),
    unknown: {
      'an unknown ref': { ...s, ref: 'no-such-branch' },
      'a tree instead of a commit': { ...s, ref: 'main^{tree}' },
    },
  };
});

describe('docs-audit source', () => {
  it('reports what the moved head removed once asked for the new head, with the removing commit', async () => {
    const fixture = auditFixture('clean');
    const docs = fs.readFileSync(path.join(fixture.docs, 'reference.md'), 'utf8');
    const adapter = auditSource(docs);
    const project = projectReading([{ type: 'local-git', repo: fixture.repo }]);
    const cli = fs.readFileSync(path.join(fixture.repo, 'src/cli.ts'), 'utf8');
    const removal = commitFiles(
      fixture.repo,
      { 'src/cli.ts': cli.replace(/\n\s*\.option\('--host[^\n]*/, '') },
      'feat!: drop --host',
    );
    const gathered = await adapter.gatherContext(
      await adapter.validateSource({ type: 'docs-audit', repo: fixture.repo, ref: 'HEAD' }, project),
      project,
    );
    if (!('change' in gathered)) throw new Error('skipped');
    expect(gathered.change.audit?.findings).toEqual([
      expect.objectContaining({
        page: 'docs/reference.md',
        element: '--host',
        kind: 'flag',
        reason: expect.stringContaining(`removed by ${removal.slice(0, 7)}`),
      }),
    ]);
  });
});
