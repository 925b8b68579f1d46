import path from 'node:path';
import { z } from 'zod';

const absolutePath = z
  .string()
  .min(1)
  .refine((value) => path.isAbsolute(value), 'must be an absolute path');

const revision = z
  .string()
  .min(1)
  .max(256)
  .refine((value) => !value.startsWith('-') && !/[\s\0]/.test(value), 'is not a valid git revision');

const relativeDir = z
  .string()
  .max(512)
  .refine(
    (value) => !path.isAbsolute(value) && !value.split(/[\\/]/).includes('..'),
    'must be a relative path inside the repository',
  );

export const localGitSourceSchema = z.strictObject({
  type: z.literal('local-git'),
  repo: absolutePath,
  base: revision,
  head: revision,
});

export const localGitContextSchema = z.strictObject({
  type: z.literal('local-git'),
  repo: absolutePath,
  /** Globs (picomatch) limiting which changed files count; all files when absent. */
  paths: z.array(z.string().min(1)).min(1).optional(),
});

const branchName = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('-') && !/[\s\0~^:?*[\\]|\.\.|@\{/.test(value), 'is not a valid branch name');

/**
 * A branch of a local repository whose history backfill reads (a local repository sends no webhooks, so
 * nothing watches it live): each merge commit is a change (`"changes": "merges"`), or each commit (`"commits"`).
 */
export const localGitTriggerSchema = z.strictObject({
  type: z.literal('local-git'),
  repo: absolutePath,
  branch: branchName.default('main'),
  changes: z.enum(['merges', 'commits']).default('merges'),
  /** Only changes touching these globs count. */
  paths: z.array(z.string().min(1)).min(1).optional(),
  ignorePaths: z.array(z.string().min(1)).default([]),
});

export const localGitDestinationSchema = z.strictObject({
  type: z.literal('local-git'),
  repo: absolutePath,
  baseBranch: branchName,
  docsDir: relativeDir.default('docs'),
});

export type LocalGitSource = z.infer<typeof localGitSourceSchema>;
export type LocalGitTrigger = z.infer<typeof localGitTriggerSchema>;
export type LocalGitContext = z.infer<typeof localGitContextSchema>;
export type LocalGitDestination = z.infer<typeof localGitDestinationSchema>;
