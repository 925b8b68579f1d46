import { z } from 'zod';
import { cronSchema, nextCronTime } from './cron.js';
import { durationPattern, parseDuration } from './duration.js';
import { stableId } from './ids.js';

/**
 * A project's `batch`: changes that reach it are collected and run together, once a window after the
 * first of them (`window`) or at the next fire time of a cron expression (`schedule`, UTC), or as soon
 * as `maxChanges` are collected.
 */
export const batchSchema = z
  .strictObject({
    window: z
      .string()
      .regex(durationPattern, 'must be a duration like "1h", "30m" or "2d"')
      .refine((text) => (parseDuration(text) ?? Infinity) >= 1000, 'must be at least 1s')
      .optional(),
    schedule: cronSchema.optional(),
    maxChanges: z.number().int().min(1).max(50).optional(),
  })
  .superRefine((batch, ctx) => {
    if ((batch.window === undefined) === (batch.schedule === undefined))
      ctx.addIssue({ code: 'custom', path: ['window'], message: 'give exactly one of "window" or "schedule"' });
  });

export type BatchSettings = z.infer<typeof batchSchema>;

/** When a batch opened at `now` closes: a window later, or at the schedule's next fire time. */
export function batchCloseTime(batch: BatchSettings, now: number): number {
  if (batch.window !== undefined) return now + parseDuration(batch.window)!;
  return nextCronTime(batch.schedule!, now);
}

/** Most changes one batched run combines, whatever `maxChanges` says. */
export const batchCapacity = 50;

/** `batch-<project id>-<digest of the batch settings>`: the project's batching workflow; changing the settings opens a batch of its own. */
export const batchWorkflowId = (projectId: string, batch: BatchSettings) =>
  `batch-${projectId}-${stableId('b', JSON.stringify(batch)).slice(2, 14)}`;
