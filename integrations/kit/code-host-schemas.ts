import { z } from 'zod';

/** Schema pieces every code host's entries share. */
export const integrationId = z.string().min(1);
export const repoName = (form: string) => z.string().regex(/^[\w.-]+\/[\w.-]+$/, `must be "${form}"`);
export const pathGlobs = z.array(z.string().min(1));
/** When drafting starts. */
export const triggerMoment = z.enum(['opened', 'first_approval', 'merged', 'every_push']).default('opened');
export const docsDir = z
  .string()
  .refine(
    (value) => !value.startsWith('/') && !value.split('/').includes('..'),
    'must be a relative path inside the repository',
  )
  .default('docs');
export const webhookSecret = z.string().min(16, 'must be at least 16 characters');

/** A code host's context entry: the integration, and optionally which repositories it may read. */
export const contextSchema = <T extends string>(type: T, repo: z.ZodString) =>
  z.strictObject({ type: z.literal(type), integrationId, repos: z.array(repo).min(1).optional() });

/** The fields of a code host's docs destination. */
export const destinationFields = (repo: z.ZodString) => ({
  integrationId,
  repo,
  baseBranch: z.string().min(1).default('main'),
  docsDir,
});

/** The fields of a code host's change source: a repository and the two revisions compared. */
export const changeFields = (repo: z.ZodString, revision: z.ZodType<string>) => ({
  integrationId,
  repo,
  base: revision,
  head: revision,
});
