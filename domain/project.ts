import { z } from 'zod';
import { definitions } from '../integrations/registry.js';
import { durationPattern, parseDuration } from './duration.js';

const manualTrigger = z.strictObject({ type: z.literal('manual') });

/** A provider-specific entry; its own schema, chosen by `type`, says what else it holds. */
export type TypedEntry = { type: string } & Record<string, unknown>;

/** One entry whose `type` picks the provider's schema, so errors name the provider's own fields. */
function entryOf(role: 'trigger' | 'context' | 'destination', extra: z.ZodType[] = []): z.ZodType<TypedEntry> {
  const schemas = [...extra, ...definitions.flatMap((d) => (d.schemas[role] ? [d.schemas[role]] : []))];
  if (!schemas.length) throw new Error(`no integration provides ${role} entries`);
  return z.discriminatedUnion('type', schemas as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<TypedEntry>;
}

const triggerEntry = entryOf('trigger', [manualTrigger]);
const contextEntry = entryOf('context');
const destinationEntry = entryOf('destination');

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

/** Who may review the project's runs; when absent, any key with the reviewer role may. */
export const reviewersSchema = z
  .strictObject({ users: z.array(z.string().min(1)).default([]), teams: z.array(z.string().min(1)).default([]) })
  .refine((r) => r.users.length + r.teams.length > 0, 'name at least one user or team');

export const projectInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  triggers: z.array(triggerEntry).min(1).default([{ type: 'manual' }]),
  context: z.array(contextEntry).min(1),
  destinations: z.array(destinationEntry).length(1, 'exactly one destination is supported per project'),
  review: reviewSchema.default({ required: true, expireAfter: '14d' }),
  drafting: draftingSchema.default({}),
  reviewers: reviewersSchema.optional(),
});

export type ProjectInput = z.infer<typeof projectInputSchema>;

export interface Project extends ProjectInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
