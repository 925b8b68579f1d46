import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import { gitIn, hasHistory } from '../../drafting/audit/git-history.js';
import type { ProviderDeps, SourceAdapter } from '../contract.js';
import { insideRoots } from '../kit/local-roots.js';
import { auditCode, renameCommits } from './audit-code.js';
import { docsAuditSourceSchema, isHostedRepo, type DocsAuditSource } from './schemas.js';

const invalid = (message: string, field: string, detail: string): AppError =>
  new AppError('invalid_source', message, [{ path: `source.${field}`, message: detail }]);

/** The project's context entries that name a repository on this machine. */
export const projectRepos = (project: Project): string[] =>
  project.context.flatMap((c) => (typeof c.repo === 'string' && c.repo.startsWith('/') ? [c.repo] : []));

/** The code must be one of the project's repositories, inside the operator's roots; the revision is pinned to a commit. */
async function validateSource(source: DocsAuditSource, project: Project, roots: string[]): Promise<DocsAuditSource> {
  if (isHostedRepo(source.repo))
    throw invalid(
      'auditing a hosted repository by its URL is not built yet: audit a clone on this machine (an absolute path)',
      'repo',
      'not built: a repository URL',
    );
  if (!projectRepos(project).includes(source.repo))
    throw invalid(
      `repository ${source.repo} is not a context entry of this project`,
      'repo',
      'add it to the project\'s "context" list first',
    );
  const real = await insideRoots(source.repo, roots, 'source.repo', 'invalid_source');
  if (!hasHistory(real))
    throw invalid(`${source.repo} is not a git repository with a commit`, 'repo', 'not a git repository');
  const commit = gitIn(real, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${source.ref}^{commit}`,
  ])?.trim();
  if (!commit)
    throw invalid(`revision "${source.ref}" does not name a commit in ${source.repo}`, 'ref', 'unknown revision');
  return { ...source, ref: commit };
}

const label = (source: DocsAuditSource): string =>
  `docs audit of ${source.repo} at ${/^[0-9a-f]{40}$/.test(source.ref) ? source.ref.slice(0, 12) : source.ref}`;

/**
 * A docs audit as a source: gathering audits the project's destination pages against the code at the pinned
 * commit, and the change it hands on is the findings (no diff), with the renaming commits as references.
 */
export const createDocsAuditSource = (deps: ProviderDeps, roots: string[]): SourceAdapter<DocsAuditSource> => ({
  sourceSchema: docsAuditSourceSchema,
  describeSource: label,
  validateSource: (source, project) => validateSource(source, project, roots),

  async gatherContext(source, project) {
    const pinned = await validateSource(source, project, roots);
    if (!deps.readProjectDocs)
      throw new AppError('not_implemented', "the docs audit cannot read the project's docs here");
    const docs = await deps.readProjectDocs(project);
    const repo = await insideRoots(pinned.repo, roots, 'source.repo', 'invalid_source');
    const findings = await auditCode(repo, pinned.ref, docs.pages);
    const references = renameCommits(repo, findings);
    return {
      change: {
        sourceLabel: label(pinned),
        commits: [],
        diff: '',
        files: [],
        audit: { findings, code: `${pinned.repo}@${pinned.ref}` },
        ...(references.length ? { references } : {}),
      },
    };
  },
});
