import { z } from 'zod';

const repoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"');
const integrationId = z.string().min(1);
const globs = z.array(z.string().min(1));
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'must be a full commit sha');

export const githubTriggerSchema = z
  .strictObject({
    type: z.literal('github'),
    integrationId,
    repos: z.array(repoName).min(1).optional(),
    topics: z.array(z.string().min(1)).min(1).optional(),
    excludeRepos: z.array(repoName).default([]),
    /** Only changes touching these globs count (from the PR's changed-file list). */
    paths: globs.optional(),
    ignorePaths: globs.default([]),
    /** When drafting starts. */
    on: z.enum(['opened', 'first_approval', 'merged', 'every_push']).default('opened'),
    /** Comment on the source pull request with the outcome. */
    feedback: z.boolean().default(true),
  })
  .refine((t) => Boolean(t.repos) !== Boolean(t.topics), {
    message: 'give exactly one of "repos" or "topics"',
    path: ['repos'],
  });

export const githubContextSchema = z.strictObject({
  type: z.literal('github'),
  integrationId,
  repos: z.array(repoName).min(1).optional(),
});

export const githubSourceSchema = z.strictObject({
  type: z.literal('github'),
  integrationId,
  repo: repoName,
  pullNumber: z.number().int().positive().optional(),
  base: sha,
  head: sha,
});

export const githubDestinationSchema = z.strictObject({
  type: z.literal('github'),
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
  /** Open the docs pull request as a draft while the source pull request is not merged. */
  draftUntilSourceMerged: z.boolean().default(false),
});

export const githubConnectionSchema = z.strictObject({
  provider: z.literal('github'),
  baseUrl: z.string().url().default('https://api.github.com'),
  auth: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('app'),
      appId: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String),
      privateKey: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }),
      /** The App's URL name, for the installation flow (GET /v1/integrations/github/connect). */
      appSlug: z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .optional(),
    }),
    z.strictObject({ type: z.literal('token'), token: z.string().min(20) }),
  ]),
  webhookSecret: z.string().min(16, 'must be at least 16 characters'),
});

export type GitHubTrigger = z.infer<typeof githubTriggerSchema>;
export type GitHubContext = z.infer<typeof githubContextSchema>;
export type GitHubSource = z.infer<typeof githubSourceSchema>;
export type GitHubDestination = z.infer<typeof githubDestinationSchema>;
export type GitHubConnection = z.infer<typeof githubConnectionSchema>;
