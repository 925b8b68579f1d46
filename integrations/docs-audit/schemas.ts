import path from 'node:path';
import { z } from 'zod';

const revision = z
  .string()
  .min(1)
  .max(256)
  .refine((value) => !value.startsWith('-') && !/[\s\0]/.test(value), 'is not a valid git revision');

const hosted = (value: string): boolean => /^https?:\/\//i.test(value);

export const docsAuditSourceSchema = z.strictObject({
  type: z.literal('docs-audit'),
  /** The code: a repository on this machine (an absolute path), one of the project's context entries. */
  repo: z
    .string()
    .min(1)
    .max(4096)
    .refine(
      (value) => path.isAbsolute(value) || hosted(value),
      'must be the absolute path of a repository on this machine',
    ),
  /** The revision audited; pinned to its commit when the run starts. */
  ref: revision.default('HEAD'),
});

export type DocsAuditSource = z.infer<typeof docsAuditSourceSchema>;

export const isHostedRepo = hosted;
