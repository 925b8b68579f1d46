import { AppError } from '../../../core/errors.js';
import { applyEdits, EditConflictError } from '../../../drafting/apply-edits.js';
import type { Edit } from '../../../core/change.js';
import { isSiteFile } from '../../../drafting/docs-site/site-files.js';
import { docsPrefix } from './docs-folder.js';

/**
 * The full new text of every page a suggestion edits, read from the destination's base revision.
 * Edits outside the docs folder (but for the docs site's navigation files beside it, as `mkdocs.yml`), or that no
 * longer apply to the page, are `edit_conflict`s.
 */
export async function editedPages(
  edits: Edit[],
  docsDir: string,
  read: (path: string) => Promise<string>,
): Promise<Record<string, string>> {
  const dir = docsPrefix(docsDir);
  const current: Record<string, string> = {};
  for (const edit of edits) {
    if (!edit.path.startsWith(dir) && !isSiteFile(edit.path, dir))
      throw new AppError('edit_conflict', `edit for ${edit.path} is outside the docs folder ${docsDir}`);
    if (!(edit.path in current) && edit.before !== '') current[edit.path] = await read(edit.path);
  }
  try {
    return applyEdits(current, edits);
  } catch (error) {
    if (error instanceof EditConflictError) throw new AppError('edit_conflict', error.message);
    throw error;
  }
}
