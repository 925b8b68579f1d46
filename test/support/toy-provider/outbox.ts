import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../core/errors.js';

/** What a publish left in the outbox: which suggestion, which pages. */
export interface OutboxManifest {
  runId: string;
  suggestionId: string;
  title: string;
  pages: string[];
}

export const outboxRoot = (root: string) => path.join(root, '.docflow-outbox');

/** The run's folder in the outbox; run ids become folder names, so only plain ids are accepted. */
export function runOutbox(root: string, runId: string): string {
  if (!/^[\w-]+$/.test(runId)) throw new AppError('invalid_request', `run id "${runId}" cannot name an outbox folder`);
  return path.join(outboxRoot(root), runId);
}

export async function readManifest(dir: string): Promise<OutboxManifest | undefined> {
  const text = await fs.readFile(path.join(dir, 'manifest.json'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as OutboxManifest);
}

/**
 * Replaces the run's outbox folder with these pages and manifest in one rename: a reader sees the
 * earlier suggestion or this one, never half of each.
 */
export async function writeOutbox(dir: string, pages: Record<string, string>, manifest: OutboxManifest): Promise<void> {
  const staging = `${dir}.staging-${randomBytes(4).toString('hex')}`;
  try {
    for (const [page, text] of Object.entries(pages)) {
      await fs.mkdir(path.dirname(path.join(staging, page)), { recursive: true });
      await fs.writeFile(path.join(staging, page), text);
    }
    await fs.mkdir(staging, { recursive: true });
    await fs.writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(staging, dir);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
