import { z } from 'zod';
import * as host from '../kit/code-host-schemas.js';

/** A project's full path: a namespace (group and subgroups, or a user) and the project, `group/sub/project`. */
const projectName = z
  .string()
  .max(500)
  .regex(/^[\w.-]+(\/[\w.-]+)+$/, 'must be "group/project" (subgroups allowed: "group/sub/project")')
  .refine((value) => !value.split('/').some((part) => part === '.' || part === '..'), 'must be a project path');
/** A commit SHA (full or short) or a branch name; pinned to the full SHA when a run starts. */
const revision = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w][\w./-]*$/, 'must be a commit SHA or a branch name')
  .refine((value) => !value.includes('..'), 'must name one revision');

/** Standard Webhooks secret as GitLab shows a signing token: `whsec_` and the base64 of 32 bytes. */
const signingToken = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be the signing token GitLab shows ("whsec_…")')
  .refine((value) => Buffer.from(value.slice('whsec_'.length), 'base64').length === 32, 'must encode 32 bytes');

export const gitlabTriggerSchema = z.strictObject({
  type: z.literal('gitlab'),
  integrationId: host.integrationId,
  repos: z.array(projectName).min(1),
  /** Only changes touching these globs count (from the merge request's diff). */
  paths: host.pathGlobs.optional(),
  ignorePaths: host.pathGlobs.default([]),
  on: host.triggerMoment,
  /** Leave a note on the source merge request with the outcome. */
  feedback: z.boolean().default(true),
});

export const gitlabSourceSchema = z.strictObject({
  type: z.literal('gitlab'),
  /** The merge request's number within its project (`!12`). */
  mergeRequestIid: z.number().int().positive().optional(),
  ...host.changeFields(projectName, revision),
});

export const gitlabContextSchema = host.contextSchema('gitlab', projectName);

export const gitlabDestinationSchema = z.strictObject({
  type: z.literal('gitlab'),
  ...host.destinationFields(projectName),
});

export const gitlabConnectionSchema = z.strictObject({
  provider: z.literal('gitlab'),
  /** The API base: gitlab.com's, or a self-managed instance's `https://host/api/v4`. */
  baseUrl: z.string().url().default('https://gitlab.com/api/v4'),
  auth: z.discriminatedUnion('type', [
    /** A personal, project or group access token with the `api` scope, sent as PRIVATE-TOKEN. */
    z.strictObject({ type: z.literal('token'), token: z.string().min(20) }),
    /** Connected through the OAuth flow instead (GET /v1/integrations/gitlab/connect). */
    z.strictObject({ type: z.literal('oauth') }),
  ]),
  /** The webhook's secret token, sent back by GitLab as X-Gitlab-Token. */
  webhookSecret: host.webhookSecret,
  /** The webhook's signing token (Standard Webhooks), when the GitLab instance offers one. */
  signingToken: signingToken.optional(),
});

export type GitLabTrigger = z.infer<typeof gitlabTriggerSchema>;
export type GitLabContext = z.infer<typeof gitlabContextSchema>;
export type GitLabSource = z.infer<typeof gitlabSourceSchema>;
export type GitLabDestination = z.infer<typeof gitlabDestinationSchema>;
export type GitLabConnection = z.infer<typeof gitlabConnectionSchema>;

/** What the provider definition declares. */
export const gitlabSchemas = {
  trigger: gitlabTriggerSchema as never,
  context: gitlabContextSchema,
  source: gitlabSourceSchema,
  destination: gitlabDestinationSchema,
  connection: gitlabConnectionSchema as never,
};

/** A source to start from in the review app's form. */
export const exampleSource = (integrationId: string): GitLabSource => ({
  type: 'gitlab',
  integrationId,
  repo: 'group/project',
  base: 'main',
  head: '',
});
