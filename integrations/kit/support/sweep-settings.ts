import { z } from 'zod';
import { durationPattern, parseDuration } from '../../../core/duration.js';

/** A duration setting of a sweep ("6h", "30d", "15m"), at least `min`. */
export const durationSetting = (min: string) =>
  z
    .string()
    .regex(durationPattern, 'must be a duration like "6h", "30d" or "15m"')
    .refine((text) => (parseDuration(text) ?? 0) >= parseDuration(min)!, `must be at least ${min}`);
