import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, type AppError as AppErrorType } from '../../core/errors.js';
import type { ProviderDeps } from '../contract.js';

/** The operator's list of folders local repositories may live in (colon-separated): local git and the docs audit. */
export const rootsVariable = 'DOCFLOW_LOCAL_GIT_ROOTS';

/**
 * Where local-git may read and write: the operator's roots; by default none in production (local-git
 * is refused until they are set), else the data dir and the system's temporary folder, so the
 * README's walkthrough works as written.
 */
export function localGitRoots(deps: Pick<ProviderDeps, 'env' | 'dataDir' | 'production'>): string[] {
  const configured = deps.env[rootsVariable];
  if (configured !== undefined && configured !== '') return configured.split(':').filter(Boolean);
  return deps.production ? [] : [deps.dataDir, os.tmpdir()];
}

const realpath = (p: string) => fs.realpath(p).catch(() => undefined);

/**
 * The repository's real path (symlinks followed), when it lies inside one of the roots; otherwise an
 * AppError naming the rule, so an editor can neither read nor write a repository the operator did not allow.
 */
export async function insideRoots(
  repo: string,
  roots: string[],
  field: string,
  code: AppErrorType['code'],
): Promise<string> {
  if (!roots.length) {
    throw new AppError(code, `local repositories are disabled: the operator has not set ${rootsVariable}`, [
      { path: field, message: `set ${rootsVariable}` },
    ]);
  }
  const real = await realpath(repo);
  if (!real) throw new AppError(code, `${repo} does not exist`, [{ path: field, message: 'no such folder' }]);
  for (const root of roots) {
    const realRoot = await realpath(root);
    if (realRoot && (real === realRoot || real.startsWith(realRoot + path.sep))) return real;
  }
  throw new AppError(
    code,
    `${repo} is outside the folders local repositories may live in (${rootsVariable}: ${roots.join(':')})`,
    [{ path: field, message: `must be inside ${roots.join(' or ')}` }],
  );
}
