import { z } from 'zod';

const repoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be "workspace/repo"');
const integrationId = z.string().min(1);
const globs = z.array(z.string().min(1));
/** A commit hash (full or short) or a branch name; pinned to the full hash when a run starts. */
const revision = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w][\w./-]*$/, 'must be a commit hash or a branch name')
  .refine((value) => !value.includes('..'), 'must name one revision');

export const bitbucketTriggerSchema = z.strictObject({
  type: z.literal('bitbucket'),
  integrationId,
  repos: z.array(repoName).min(1),
  /** Only changes touching these globs count (from the pull request's diffstat). */
  paths: globs.optional(),
  ignorePaths: globs.default([]),
  /** When drafting starts. */
  on: z.enum(['opened', 'first_approval', 'merged', 'every_push']).default('opened'),
  /** Comment on the source pull request with the outcome. */
  feedback: z.boolean().default(true),
});

export const bitbucketContextSchema = z.strictObject({
  type: z.literal('bitbucket'),
  integrationId,
  repos: z.array(repoName).min(1).optional(),
});

export const bitbucketSourceSchema = z.strictObject({
  type: z.literal('bitbucket'),
  integrationId,
  repo: repoName,
  pullRequestId: z.number().int().positive().optional(),
  base: revision,
  head: revision,
});

export const bitbucketDestinationSchema = z.strictObject({
  type: z.literal('bitbucket'),
  integrationId,
  repo: repoName,
  baseBranch: z.string().min(1).default('main'),
  docsDir: z
    .string()
    .refine(
      (value) => !value.startsWith('/') && !value.split('/').includes('..'),
      'must be a relative path inside the repository',
    )
    .default('docs'),
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
  webhookSecret: z.string().min(16, 'must be at least 16 characters'),
});

export type BitbucketTrigger = z.infer<typeof bitbucketTriggerSchema>;
export type BitbucketContext = z.infer<typeof bitbucketContextSchema>;
export type BitbucketSource = z.infer<typeof bitbucketSourceSchema>;
export type BitbucketDestination = z.infer<typeof bitbucketDestinationSchema>;
export type BitbucketConnection = z.infer<typeof bitbucketConnectionSchema>;
