import { z } from 'zod';
import * as host from '../kit/code-host-schemas.js';

const repoName = host.repoName('workspace/repo');
/** A commit hash (full or short) or a branch name; pinned to the full hash when a run starts. */
const revision = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w][\w./-]*$/, 'must be a commit hash or a branch name')
  .refine((value) => !value.includes('..'), 'must name one revision');

export const bitbucketTriggerSchema = z.strictObject({
  type: z.literal('bitbucket'),
  integrationId: host.integrationId,
  repos: z.array(repoName).min(1),
  /** Only changes touching these globs count (from the pull request's diffstat). */
  paths: host.pathGlobs.optional(),
  ignorePaths: host.pathGlobs.default([]),
  on: host.triggerMoment,
  /** Comment on the source pull request with the outcome. */
  feedback: z.boolean().default(true),
});

export const bitbucketSourceSchema = z.strictObject({
  type: z.literal('bitbucket'),
  pullRequestId: z.number().int().positive().optional(),
  ...host.changeFields(repoName, revision),
});

export const bitbucketContextSchema = host.contextSchema('bitbucket', repoName);

export const bitbucketDestinationSchema = z.strictObject({
  type: z.literal('bitbucket'),
  ...host.destinationFields(repoName),
});

export const bitbucketConnectionSchema = z.strictObject({
  provider: z.literal('bitbucket'),
  baseUrl: z.string().url().default('https://api.bitbucket.org/2.0'),
  auth: z.discriminatedUnion('type', [
    /** An Atlassian API token with Bitbucket scopes, sent as Basic `email:token`. */
    z.strictObject({ type: z.literal('api_token'), email: z.string().email(), token: z.string().min(20) }),
    /** A workspace, project or repository access token, sent as Bearer. */
    z.strictObject({ type: z.literal('access_token'), token: z.string().min(20) }),
    /** Connected through the OAuth flow instead (GET /v1/integrations/bitbucket/connect). */
    z.strictObject({ type: z.literal('oauth') }),
  ]),
  webhookSecret: host.webhookSecret,
});

export type BitbucketTrigger = z.infer<typeof bitbucketTriggerSchema>;
export type BitbucketContext = z.infer<typeof bitbucketContextSchema>;
export type BitbucketSource = z.infer<typeof bitbucketSourceSchema>;
export type BitbucketDestination = z.infer<typeof bitbucketDestinationSchema>;
export type BitbucketConnection = z.infer<typeof bitbucketConnectionSchema>;

/** What the provider definition declares. */
export const bitbucketSchemas = {
  trigger: bitbucketTriggerSchema as never,
  context: bitbucketContextSchema,
  source: bitbucketSourceSchema,
  destination: bitbucketDestinationSchema,
  connection: bitbucketConnectionSchema as never,
};

/** A source to start from in the review app's form. */
export const exampleSource = (integrationId: string): BitbucketSource => ({
  type: 'bitbucket',
  integrationId,
  repo: 'workspace/repo',
  base: 'main',
  head: '',
});
