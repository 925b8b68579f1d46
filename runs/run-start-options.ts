import { parseDuration } from '../core/duration.js';
import type { Project } from '../core/project.js';
import { searchAttributes, type DocUpdateInput } from '../workflows/messages.js';
import { type TypedConfig } from '../core/typed-config.js';

/** The workflow input and search attributes of a run, however it was triggered. */
export function runStartOptions(
  project: Project,
  run: { id: string; trigger: string; source: TypedConfig; sourceLabel: string; sourceMerged?: boolean },
) {
  const input: DocUpdateInput = {
    runId: run.id,
    projectId: project.id,
    trigger: run.trigger,
    source: run.source,
    sourceLabel: run.sourceLabel,
    review: {
      required: project.review.required,
      expireAfterMs: parseDuration(project.review.expireAfter)!,
      ...(project.review.autoPublishAbove !== undefined ? { autoPublishAbove: project.review.autoPublishAbove } : {}),
    },
    ...(run.sourceMerged ? { sourceMerged: true } : {}),
    ...(project.limits ? { docsPRLimit: true } : {}),
  };
  return {
    args: [input] as [DocUpdateInput],
    typedSearchAttributes: [
      { key: searchAttributes.status, value: 'pending' },
      { key: searchAttributes.project, value: project.id },
      { key: searchAttributes.source, value: run.sourceLabel.slice(0, 1000) },
    ],
  };
}
