import type { Project } from '../core/project.js';
import type { SourceRef } from '../workflows/messages.js';
import type { ApiDeps } from '../api/deps.js';
import { parseOrThrow } from '../api/errors.js';

/** A source from a request, checked by its integration against the project and pinned to immutable revisions. */
export async function validatedSource(deps: ApiDeps, project: Project, requested: SourceRef): Promise<{ source: SourceRef; label: string }> {
  const adapter = deps.integrations.source(requested.type);
  const parsed = parseOrThrow(adapter.sourceSchema, requested, ['source'], 'invalid_source');
  const source = await adapter.validateSource(parsed, project);
  return { source, label: adapter.describeSource(source) };
}
