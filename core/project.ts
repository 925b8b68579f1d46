import { z } from 'zod';
import { batchSchema } from './batch.js';
import { cronSchema } from './cron.js';
import { durationPattern, parseDuration } from './duration.js';
import type { TypedConfig } from './typed-config.js';

export const reviewSchema = z.strictObject({
  required: z.boolean().default(true),
  expireAfter: z
    .string()
    .regex(durationPattern, 'must be a duration like "14d", "12h", "30m" or "90s"')
    .refine((text) => (parseDuration(text) ?? 0) >= 1000, 'must be at least 1s')
    .default('14d'),
  /** Publish without review when the drafter's confidence reaches this (0..1); always review when absent. */
  autoPublishAbove: z.number().min(0).max(1).optional(),
  /** False: the key that started a run may not approve it (absent means true). */
  allowSelfApproval: z.boolean().optional(),
});

export const draftingSchema = z.strictObject({
  /** A style guide file in the docs repository; AGENTS.md or STYLE.md at its root are used when absent. */
  styleGuide: z.string().min(1).optional(),
});

const duration = z.string().regex(durationPattern, 'must be a duration like "30d", "12h" or "90m"');

/**
 * How many docflow docs PRs a project keeps open at once, what a run does when that many are open, and when
 * an unreviewed one is closed. Git destinations only (their docs PRs are tracked and checked on a schedule).
 */
export const limitsSchema = z.strictObject({
  openDocsPRs: z.number().int().min(1).max(100),
  /** `queue`: the run waits (status `queued`) until one closes; `join`: its edits become another commit of the oldest open one. */
  whenFull: z.enum(['queue', 'join']).default('queue'),
  /** An open docs PR nobody reviewed for this long is closed with a comment; never when absent. */
  docsPRExpiry: duration.refine((text) => (parseDuration(text) ?? 0) >= 3_600_000, 'must be at least 1h').optional(),
  /** How often the project's open docs PRs are checked (closed, stale, expired). */
  checkEvery: duration.refine((text) => (parseDuration(text) ?? 0) >= 60_000, 'must be at least 1m').default('1h'),
});

export type Limits = z.infer<typeof limitsSchema>;

/** Who may review the project's runs; when absent, any key with the reviewer role may. */
export const reviewersSchema = z
  .strictObject({ users: z.array(z.string().min(1)).default([]), teams: z.array(z.string().min(1)).default([]) })
  .refine((r) => r.users.length + r.teams.length > 0, 'name at least one user or team');

/** The provider schemas each kind of entry may take; the registry supplies them. */
export interface EntrySchemas {
  trigger: z.ZodType[];
  context: z.ZodType[];
  destination: z.ZodType[];
  /** Where reviewers see cards and decide (`review.channel`); optional, so there may be none. */
  reviewChannel?: z.ZodType[];
  /** Who hears about runs (`notify`); optional, so there may be none. */
  notify?: z.ZodType[];
}

const manualTrigger = z.strictObject({ type: z.literal('manual') });

/**
 * A run of `source` at each fire time of `cron` (UTC), on a Temporal Schedule. The source is any entry
 * `POST /v1/projects/:id/runs` takes; its own provider checks it when the project is saved and pins it at each fire.
 */
export const scheduleTriggerSchema = z.strictObject({
  type: z.literal('schedule'),
  cron: cronSchema,
  source: z.looseObject({ type: z.string().min(1) }),
});
export type ScheduleTrigger = z.infer<typeof scheduleTriggerSchema>;

/** One entry whose `type` picks the provider's schema, so errors name the provider's own fields. */
function entryOf(role: string, schemas: z.ZodType[]): z.ZodType<TypedConfig> {
  if (!schemas.length) throw new Error(`no integration provides ${role} entries`);
  return z.discriminatedUnion(
    'type',
    schemas as unknown as [z.ZodObject, ...z.ZodObject[]],
  ) as unknown as z.ZodType<TypedConfig>;
}

/**
 * Several destinations publish one suggestion as a unit; two of the same type would share the run's branch
 * (`docflow/<run id>`) or its publication record, so each type may appear once.
 */
function oneOfEachType(destinations: TypedConfig[], ctx: z.RefinementCtx): void {
  destinations.forEach((destination, i) => {
    if (destinations.findIndex((d) => d.type === destination.type) < i)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'type'],
        message: `a project may have one destination of each type; "${destination.type}" is already destination ${destinations.findIndex((d) => d.type === destination.type)}`,
      });
  });
}

/** A project's settings, validated against the schemas of the providers docflow knows. */
export function projectInputSchema(entries: EntrySchemas) {
  return z.strictObject({
    name: z.string().trim().min(1).max(200),
    triggers: z
      .array(entryOf('trigger', [manualTrigger, scheduleTriggerSchema, ...entries.trigger]))
      .min(1)
      .default([{ type: 'manual' }]),
    context: z.array(entryOf('context', entries.context)).min(1),
    destinations: z
      .array(entryOf('destination', entries.destination))
      .min(1, 'name at least one destination')
      .superRefine(oneOfEachType),
    review: (entries.reviewChannel?.length
      ? reviewSchema.extend({ channel: entryOf('review channel', entries.reviewChannel).optional() })
      : reviewSchema
    ).default({ required: true, expireAfter: '14d' }),
    drafting: draftingSchema.default({}),
    /** Changes that would each start a run are collected and run together. */
    batch: batchSchema.optional(),
    reviewers: reviewersSchema.optional(),
    limits: limitsSchema.optional(),
    ...(entries.notify?.length ? { notify: z.array(entryOf('notification', entries.notify)).default([]) } : {}),
  });
}

export type ProjectInput = z.infer<ReturnType<typeof projectInputSchema>>;

export interface Project extends ProjectInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
