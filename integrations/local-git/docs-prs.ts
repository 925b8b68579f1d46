import type { DocsPRHost } from '../kit/git-publish/docs-pull-requests.js';
import { git } from './git.js';
import { resolveCommit } from './objects.js';
import type { LocalGitDestination } from './schemas.js';

async function isAncestor(repo: string, commit: string, of: string): Promise<boolean> {
  try {
    await git(repo, ['merge-base', '--is-ancestor', commit, of]);
    return true;
  } catch {
    return false;
  }
}

/**
 * In a local repository a docs "PR" is the branch: open while it exists and is not merged into the base branch,
 * merged once it is, closed once deleted. There are no reviews or comments; closing deletes the branch.
 */
export const localGitDocsPRs: DocsPRHost<LocalGitDestination> = {
  async status(d, branch) {
    const head = await resolveCommit(d.repo, `refs/heads/${branch}`);
    if (!head) return { state: 'closed', reviewed: false };
    const base = await resolveCommit(d.repo, `refs/heads/${d.baseBranch}`);
    return { state: base && (await isAncestor(d.repo, head, base)) ? 'merged' : 'open', reviewed: false };
  },
  async close(d, branch) {
    const head = await resolveCommit(d.repo, `refs/heads/${branch}`);
    if (head) await git(d.repo, ['update-ref', '-d', `refs/heads/${branch}`, head]);
  },
  async comment() {},
  presentJoined: async (d, pushed) => ({ location: `${d.repo}#${pushed.branch}`, ...pushed }),
};
