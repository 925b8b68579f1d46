import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/** Why `text` is not a five-field cron expression (minute hour day-of-month month day-of-week, UTC); undefined when it is. */
export function cronProblem(text: string): string | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5)
    return `must have 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
  try {
    CronExpressionParser.parse(text, { tz: 'UTC', strict: false }).next();
    return undefined;
  } catch (error) {
    return `is not a cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The first time after `now` (ms) that the cron expression fires, in UTC. */
export function nextCronTime(text: string, now: number): number {
  return CronExpressionParser.parse(text, { tz: 'UTC', currentDate: new Date(now) })
    .next()
    .getTime();
}

export const cronSchema = z
  .string()
  .max(200)
  .superRefine((text, ctx) => {
    const problem = cronProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
