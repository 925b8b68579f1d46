import { z } from 'zod';

/** A Linear team key as issue identifiers start with it (`ENG` in `ENG-123`). */
export const teamKey = z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'must be a Linear team key like "ENG" (upper case)');

/** A project's context entry: issues a change names (`ENG-123`) are read, for these teams only. */
export const linearContextSchema = z.strictObject({
  type: z.literal('linear'),
  integrationId: z.string().min(1),
  teams: z.array(teamKey).min(1, 'name at least one team key'),
  /** At most this many issues per run; further keys are left out, and the run's context says so. */
  maxIssues: z.number().int().min(1).max(25).default(10),
});

/** An issue key (`ENG-123`): its team's key and its number. */
export const issueKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,9}-[1-9]\d{0,8}$/, 'must be a Linear issue key like "ENG-123" (upper case)');

/**
 * Issues that reach one of `states` carrying one of `labels`, in one of `teams`, start a run whose source is
 * the issue (through the Linear webhook). Label and state names match without regard to case.
 */
export const linearTriggerSchema = z.strictObject({
  type: z.literal('linear'),
  integrationId: z.string().min(1),
  teams: z.array(teamKey).min(1, 'name at least one team key'),
  labels: z.array(z.string().trim().min(1)).min(1, 'name at least one label (such as "docs")'),
  states: z.array(z.string().trim().min(1)).min(1, 'name at least one workflow state (such as "Done")'),
});

/**
 * A run's source: one issue, read with its comments and the pull requests attached to it. Pinned, it also
 * holds where people read it and the moment it was read at: comments made after `updatedAt` are left out.
 */
export const linearSourceSchema = z.strictObject({
  type: z.literal('linear'),
  integrationId: z.string().min(1),
  issue: issueKey,
  updatedAt: z.string().datetime({ offset: true }).optional(),
  url: z.string().url().optional(),
});

export const linearConnectionSchema = z.strictObject({
  provider: z.literal('linear'),
  /** The API's origin (`https://api.linear.app`, a proxy, a test server); its GraphQL endpoint is `<baseUrl>/graphql`. */
  baseUrl: z.string().url().optional(),
  auth: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('api_key'),
      apiKey: z.string().regex(/^lin_api_[A-Za-z0-9]{20,}$/, 'must be a Linear personal API key (lin_api_…)'),
    }),
    z.strictObject({ type: z.literal('oauth') }),
  ]),
  /** The signing secret of the Linear webhook, for the webhook trigger. */
  webhookSecret: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type LinearContext = z.infer<typeof linearContextSchema>;
export type LinearTrigger = z.infer<typeof linearTriggerSchema>;
export type LinearSource = z.infer<typeof linearSourceSchema>;
export type LinearConnection = z.infer<typeof linearConnectionSchema>;
