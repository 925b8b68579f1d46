import path from 'node:path';
import { z } from 'zod';

const absoluteDir = z
  .string()
  .min(1)
  .refine((value) => path.isAbsolute(value), 'must be an absolute path');

/** A folder inside `root`: relative, without `..`, not empty. */
const subdir = z
  .string()
  .min(1)
  .max(512)
  .refine(
    (value) => !path.isAbsolute(value) && !value.split(/[\\/]/).includes('..'),
    'must be a relative path inside root',
  );

export const folderContextSchema = z.strictObject({
  type: z.literal('folder'),
  root: absoluteDir,
});

export const folderSourceSchema = z.strictObject({
  type: z.literal('folder'),
  root: absoluteDir,
  /** The snapshot the change starts from, a folder below root. */
  before: subdir,
  /** The snapshot the change ends at. */
  after: subdir,
  /** `sha256:<hex>` of both snapshots, added by validateSource; the run refuses snapshots that changed since. */
  pin: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>')
    .optional(),
});

export const folderDestinationSchema = z.strictObject({
  type: z.literal('folder'),
  root: absoluteDir,
  docsDir: subdir.default('docs'),
});

export type FolderContext = z.infer<typeof folderContextSchema>;
export type FolderSource = z.infer<typeof folderSourceSchema>;
export type FolderDestination = z.infer<typeof folderDestinationSchema>;
