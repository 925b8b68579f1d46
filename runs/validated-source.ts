import type { Project } from '../core/project.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { RunsDeps } from './runs-deps.js';
import { parseOrThrow } from '../core/validation.js';

/** A source from a request, checked by its integration against the project and pinned to immutable revisions. */
export async function validatedSource(
  deps: Pick<RunsDeps, 'integrations'>,
  project: Project,
  requested: TypedConfig,
): Promise<{ source: TypedConfig; label: string }> {
  const adapter = deps.integrations.source(requested.type);
  const parsed = parseOrThrow(adapter.sourceSchema, requested, ['source'], 'invalid_source');
  const source = await adapter.validateSource(parsed, project);
  return { source, label: adapter.describeSource(source) };
}
