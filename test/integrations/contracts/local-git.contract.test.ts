import fs from 'node:fs';
import path from 'node:path';
import { localGit } from '../../../integrations/local-git/index.js';
import { providerDefaults } from '../../support/provider-deps.js';
import type { DestinationAdapter, SourceAdapter } from '../../../integrations/contract.js';
import type { LocalGitDestination, LocalGitSource } from '../../../integrations/local-git/schemas.js';
import { commitFiles, flagChangeFixture, initRepo, sh, tempDir } from '../../support/git-repos.js';
import { destinationContract } from './destination-contract.js';
import { projectReading } from './project-reading.js';
import { sourceContract } from './source-contract.js';

const adapters = localGit.create(providerDefaults as never);
const destination = adapters.destination as DestinationAdapter<LocalGitDestination>;
const source = adapters.source as SourceAdapter<LocalGitSource>;

/** Refs, checkout, index and working tree of a repository. */
const repoState = (repo: string) => ({
  refs: sh(repo, 'for-each-ref', '--format=%(refname) %(objectname)'),
  head: sh(repo, 'rev-parse', 'HEAD'),
  status: sh(repo, 'status', '--porcelain', '--untracked-files=all'),
});

destinationContract('local-git', async () => {
  const repo = initRepo({ 'docs/a.md': '# A\n\nold line\n', 'docs/b.md': '# B\n' });
  const d: LocalGitDestination = { type: 'local-git', repo, baseBranch: 'main', docsDir: 'docs' };
  const branchExists = (runId: string) => sh(repo, 'branch', '--list', `docflow/${runId}`) !== '';
  return {
    adapter: destination,
    destination: d,
    invalid: {
      'an unknown base branch': { ...d, baseBranch: 'trunk' },
      'a missing repository folder': { ...d, repo: path.join(tempDir(), 'missing') },
      'a folder that is not a repository': { ...d, repo: tempDir() },
    },
    page: { path: 'docs/a.md', line: 'old line' },
    state: async () => repoState(repo),
    publishedPage: async (runId, page) =>
      branchExists(runId) ? sh(repo, 'show', `docflow/${runId}:${page}`) : undefined,
    publications: async (runId) =>
      branchExists(runId) ? Number(sh(repo, 'rev-list', '--count', `main..docflow/${runId}`)) : 0,
    rewritePage: async () => void commitFiles(repo, { 'docs/a.md': '# A\n\nrewritten\n' }, 'rewrite'),
  };
});

sourceContract('local-git', { symbolic: true, refusesUnknownRevisions: true }, async () => {
  const fixture = flagChangeFixture();
  const s: LocalGitSource = { type: 'local-git', repo: fixture.source, base: 'main~1', head: 'main' };
  return {
    adapter: source,
    project: projectReading([{ type: 'local-git', repo: fixture.source }]),
    source: s,
    move: async () => {
      fs.writeFileSync(path.join(fixture.source, 'src/later.ts'), 'export const later = 1;\n');
      commitFiles(fixture.source, {}, 'a later commit on main');
    },
    unknown: {
      'an unknown head': { ...s, head: 'no-such-branch' },
      'an unknown base': { ...s, base: 'f'.repeat(40) },
      'a tree instead of a commit': { ...s, head: 'main^{tree}' },
    },
  };
});
