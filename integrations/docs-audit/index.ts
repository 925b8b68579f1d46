import { AppError } from '../../core/errors.js';
import type { ProviderDefinition } from '../contract.js';
import { localGitRoots } from '../kit/local-roots.js';
import { docsAuditSourceSchema } from './schemas.js';
import { createDocsAuditSource, projectRepos } from './source.js';

/**
 * Docs that are already wrong: a run whose source is the code at head, audited against the project's
 * destination pages (stale flags, env vars, routes…); renames become edits, the rest is listed for a person.
 */
export const docsAudit: ProviderDefinition = {
  provider: 'docs-audit',
  title: 'Docs audit',
  schemas: { source: docsAuditSourceSchema },
  create(deps) {
    return {
      source: createDocsAuditSource(deps, localGitRoots(deps)),
      projectAudit: {
        source(project, { repo, ref }) {
          const code = repo ?? projectRepos(project)[0];
          if (!code)
            throw new AppError('invalid_request', `project ${project.id} has no repository on this machine to audit`, [
              { path: 'repo', message: 'name the code repository, or add it to the project\'s "context" list' },
            ]);
          return { type: 'docs-audit', repo: code, ref: ref ?? 'HEAD' };
        },
      },
    };
  },
};
