import type { ChangeContext } from '../../core/change.js';
import { isAppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { ProviderDeps } from '../contract.js';

/**
 * A change made of words (a chat thread, an issue) with the changes its links point at merged in (their
 * commits, diff and files), each followed through the integration that knows it. A link no integration
 * knows is ordinary text; one that names a change that cannot be read is said in the note, not a failed run.
 */
export async function withLinkedChanges(
  thread: ChangeContext,
  links: string[],
  project: Project,
  followLink: ProviderDeps['followLink'],
): Promise<ChangeContext> {
  if (!followLink) return thread;
  const merged: ChangeContext = { ...thread, commits: [...thread.commits], files: [...thread.files] };
  const diffs = [thread.diff].filter(Boolean);
  const notes = [thread.note ?? ''];
  for (const url of links) {
    let linked;
    try {
      linked = await followLink(url, project);
    } catch (error) {
      if (!isAppError(error)) throw error;
      notes.push(`Linked change ${url} not followed: ${error.message}`);
      continue;
    }
    if (!linked) continue;
    if ('skip' in linked.gathered) {
      notes.push(`Linked change ${linked.label} left out: ${linked.gathered.skip.message}`);
      continue;
    }
    const { change } = linked.gathered;
    notes.push(`Linked change followed: ${linked.label}${change.note ? `\n${change.note}` : ''}`);
    merged.commits.push(...change.commits);
    merged.files.push(...change.files.filter((f) => !merged.files.some((m) => m.path === f.path)));
    if (change.diff) diffs.push(change.diff);
  }
  return { ...merged, note: notes.filter(Boolean).join('\n\n'), diff: diffs.join('\n') };
}
