import { z } from 'zod';
import {
  changeFields,
  contextSchema,
  destinationFields,
  integrationId,
  pathGlobs as globs,
  repoName as repoForm,
  triggerMoment,
  webhookSecret,
} from '../kit/code-host-schemas.js';

const repoName = repoForm('owner/name');
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
    on: triggerMoment,
    /** Comment on the source pull request with the outcome. */
    feedback: z.boolean().default(true),
  })
  .refine((t) => Boolean(t.repos) !== Boolean(t.topics), {
    message: 'give exactly one of "repos" or "topics"',
    path: ['repos'],
  });

export const githubContextSchema = contextSchema('github', repoName);

export const githubSourceSchema = z.strictObject({
  type: z.literal('github'),
  ...changeFields(repoName, sha),
  pullNumber: z.number().int().positive().optional(),
});

export const githubDestinationSchema = z.strictObject({
  type: z.literal('github'),
  ...destinationFields(repoName),
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
  webhookSecret,
});

export type GitHubTrigger = z.infer<typeof githubTriggerSchema>;
export type GitHubContext = z.infer<typeof githubContextSchema>;
export type GitHubSource = z.infer<typeof githubSourceSchema>;
export type GitHubDestination = z.infer<typeof githubDestinationSchema>;
export type GitHubConnection = z.infer<typeof githubConnectionSchema>;
