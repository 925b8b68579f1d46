import { z } from 'zod';
import { batchCapacity } from '../core/batch.js';
import type { ChangeContext } from '../core/change.js';
import { AppError, isAppError } from '../core/errors.js';
import type { Project } from '../core/project.js';
import type { TypedConfig } from '../core/typed-config.js';
import { validationError } from '../core/validation.js';
import type { SourceAdapter } from './contract.js';
import { memberOfPath, mergeChanges } from './kit/merge-changes.js';

export const batchSourceSchema = z.strictObject({
  type: z.literal('batch'),
  /** The changes run together, each a source entry of its own provider. */
  members: z
    .array(
      z
        .looseObject({ type: z.string().min(1) })
        .refine((member) => member.type !== 'batch', 'a batch cannot hold another batch'),
    )
    .min(1)
    .max(batchCapacity),
});

export type BatchSource = z.infer<typeof batchSourceSchema>;

/**
 * A source made of several (a project's batched changes): each member is validated, gathered, described
 * and told the outcome by its own provider's source, and the gathered changes are merged into one
 * (`kit/merge-changes`). Providers never see a batch.
 */
export function createBatchSource(sourceOf: (type: string) => SourceAdapter<TypedConfig>): SourceAdapter<BatchSource> {
  const label = (member: TypedConfig) => sourceOf(member.type).describeSource(member);
  return {
    sourceSchema: batchSourceSchema,

    async validateSource(source, project) {
      const members: TypedConfig[] = [];
      for (const [i, member] of source.members.entries()) {
        const at = ['source', 'members', String(i)];
        try {
          const adapter = sourceOf(member.type);
          const parsed = adapter.sourceSchema.safeParse(member);
          if (!parsed.success) throw validationError(parsed.error, at, 'invalid_source');
          members.push(await adapter.validateSource(parsed.data, project));
        } catch (error) {
          if (!isAppError(error) || error.details.some((d) => d.path?.startsWith(at.join('.')))) throw error;
          throw new AppError('invalid_source', `${at.join('.')}: ${error.message}`, [
            { path: at.join('.'), message: error.message },
          ]);
        }
      }
      return { type: 'batch', members };
    },

    async gatherContext(source, project: Project) {
      const gathered: { label: string; change: ChangeContext }[] = [];
      const skipped: string[] = [];
      for (const member of source.members) {
        const outcome = await sourceOf(member.type).gatherContext(member, project);
        if ('skip' in outcome) skipped.push(`${label(member)} left out: ${outcome.skip.message}`);
        else gathered.push({ label: label(member), change: outcome.change });
      }
      if (!gathered.length)
        return {
          skip: { reason: 'batch_empty', message: `Every change of the batch was left out. ${skipped.join('; ')}` },
        };
      return { change: mergeChanges(gathered, skipped) };
    },

    describeSource: (source) => `${source.members.length} changes: ${source.members.map(label).join(', ')}`,

    async reportOutcome(source, project, outcome) {
      // Every member hears, even when one of them cannot be told.
      const failures: unknown[] = [];
      for (const member of source.members) {
        await sourceOf(member.type)
          .reportOutcome?.(member, project, outcome)
          .catch((error: unknown) => failures.push(error));
      }
      if (failures.length) throw failures[0];
    },

    citationUrl(source, citation) {
      const at = memberOfPath(citation.path);
      const member = at && source.members[at.index];
      if (!member) return undefined;
      return sourceOf(member.type).citationUrl?.(member, { ...citation, path: at.path });
    },
  };
}

/** Each member of a batch source as people see it: its label and page. */
export function batchMembers(
  source: BatchSource,
  sourceOf: (type: string) => SourceAdapter<TypedConfig>,
): { label: string; url?: string }[] {
  return source.members.map((member) => {
    const adapter = sourceOf(member.type);
    const url = adapter.sourceUrl?.(member);
    return { label: adapter.describeSource(member), ...(url ? { url } : {}) };
  });
}
