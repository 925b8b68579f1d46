import { AppError } from '../../core/errors.js';
import { createGitDestination } from '../kit/git-publish/git-destination.js';
import { localGitDocsPRs } from './docs-prs.js';
import { isGitRepository } from './objects.js';
import { localGitStore } from './git-store.js';
import { insideRoots } from './roots.js';
import type { LocalGitDestination } from './schemas.js';

/** A docs repository on this machine, inside the operator's roots: a run publishes a branch with one commit. */
export const createLocalGitDestination = (roots: string[]) =>
  createGitDestination<LocalGitDestination>({
    async store(destination) {
      await insideRoots(destination.repo, roots, 'repo', 'invalid_destination');
      if (!(await isGitRepository(destination.repo))) {
        throw new AppError('invalid_destination', `${destination.repo} is not a git repository`, [
          { path: 'repo', message: 'not a git repository' },
        ]);
      }
      return localGitStore(destination.repo);
    },
    label: (destination) => destination.repo,
    present: async (destination, pushed) => ({ location: `${destination.repo}#${pushed.branch}`, ...pushed }),
    pullRequests: localGitDocsPRs,
    // A branch is all a local repository holds of a run.
    withdraw: async () => undefined,
  });
