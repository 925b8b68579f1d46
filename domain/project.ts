import { z } from 'zod';
import { integrations } from '../integrations/registry.js';
import { durationPattern, parseDuration } from './duration.js';

const manualTrigger = z.strictObject({ type: z.literal('manual') });

/** A provider-specific entry; its own schema, chosen by `type`, says what else it holds. */
export type TypedEntry = { type: string } & Record<string, unknown>;

function union(schemas: z.ZodType[], what: string): z.ZodType<TypedEntry> {
  const [first, ...rest] = schemas;
  if (!first) throw new Error(`no integration provides ${what}`);
  return (rest.length ? z.union([first, ...rest] as [z.ZodType, z.ZodType, ...z.ZodType[]]) : first) as z.ZodType<TypedEntry>;
}

const contextEntry = union(integrations.flatMap((i) => (i.source ? [i.source.contextSchema] : [])), 'context');
const destinationEntry = union(integrations.flatMap((i) => (i.destination ? [i.destination.destinationSchema] : [])), 'destinations');

export const reviewSchema = z.strictObject({
  required: z.boolean().default(true),
  expireAfter: z
    .string()
    .regex(durationPattern, 'must be a duration like "14d", "12h", "30m" or "90s"')
    .refine((text) => (parseDuration(text) ?? 0) >= 1000, 'must be at least 1s')
    .default('14d'),
});

export const projectInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  triggers: z.array(manualTrigger).min(1).default([{ type: 'manual' }]),
  context: z.array(contextEntry).min(1),
  destinations: z.array(destinationEntry).length(1, 'exactly one destination is supported per project'),
  review: reviewSchema.default({ required: true, expireAfter: '14d' }),
});

export type ProjectInput = z.infer<typeof projectInputSchema>;
export type ProjectConfig = Omit<ProjectInput, 'name'>;

export interface Project extends ProjectInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
