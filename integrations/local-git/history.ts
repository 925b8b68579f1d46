import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { HistoryWindow, PastChange } from '../contract.js';
import { filterChangedFiles } from '../kit/change-filters.js';
import { git } from './git.js';
import { resolveCommit } from './objects.js';
import { insideRoots } from './roots.js';
import type { LocalGitContext, LocalGitSource, LocalGitTrigger } from './schemas.js';

const fieldSeparator = '\x1f';
const docflowMerge = /^Merge (?:branch|pull request) .*\bdocflow\//;

/**
 * The branch's changes of the window, newest `limit` of them, oldest first: each merge commit on its
 * first-parent line against its first parent (what the merge brought), or each commit against its parent.
 * The trigger's path rules are applied here, as a webhook-started run would apply them.
 */
export async function localGitHistory(
  trigger: LocalGitTrigger,
  project: Project,
  window: HistoryWindow,
  roots: string[],
): Promise<PastChange[]> {
  if (!project.context.some((c) => c.type === 'local-git' && (c as LocalGitContext).repo === trigger.repo))
    throw new AppError('invalid_request', `repository ${trigger.repo} is not a local-git context of this project`);
  await insideRoots(trigger.repo, roots, 'repo', 'invalid_request');
  if (!(await resolveCommit(trigger.repo, `refs/heads/${trigger.branch}`)))
    throw new AppError('invalid_request', `${trigger.repo} has no branch ${trigger.branch}`);
  const log = await git(trigger.repo, [
    'log',
    '--first-parent',
    trigger.changes === 'merges' ? '--merges' : '--no-merges',
    `--since=${window.since.toISOString()}`,
    `--max-count=${window.limit}`,
    `--format=%H${fieldSeparator}%P${fieldSeparator}%cI${fieldSeparator}%s`,
    `refs/heads/${trigger.branch}`,
    '--',
  ]);
  const changes: PastChange[] = [];
  for (const line of log.split('\n').filter(Boolean)) {
    const [head, parents, at, subject] = line.split(fieldSeparator) as [string, string, string, string];
    const base = parents.split(' ')[0];
    if (!base) continue; // the root commit has nothing to compare with
    const source: LocalGitSource = { type: 'local-git', repo: trigger.repo, base, head };
    const files = (await git(trigger.repo, ['diff', '--name-only', '-z', '-M', base, head]))
      .split('\0')
      .filter(Boolean);
    const skip = docflowMerge.test(subject)
      ? { reason: 'opened_by_docflow', message: `${head.slice(0, 12)} merges a docflow branch` }
      : filterChangedFiles(files, trigger).skip;
    changes.push({
      workflowKey: `${trigger.repo}@${head}`,
      source,
      label: `${head.slice(0, 12)} ${subject}`,
      at: new Date(at).toISOString(),
      merged: true,
      ...(skip ? { skip } : {}),
    });
  }
  return changes.reverse();
}
