import type { Edit } from '../core/change.js';

/** An edit that cannot be applied exactly: its `before` is missing or ambiguous, or it would overwrite a page. */
export class EditConflictError extends Error {
  override readonly name = 'EditConflictError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export function countOccurrences(text: string, part: string): number {
  let count = 0;
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) count++;
  return count;
}

const preview = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** Applies edits in order and returns every page (edited or not). Pure: the input is not modified. */
export function applyEdits(pages: Map<string, string> | Record<string, string>, edits: Edit[]): Record<string, string> {
  const result: Record<string, string> = pages instanceof Map ? Object.fromEntries(pages) : { ...pages };
  for (const edit of edits) {
    const current = Object.hasOwn(result, edit.path) ? result[edit.path] : undefined;
    if (edit.before === '') {
      if (current !== undefined)
        throw new EditConflictError(edit.path, 'an empty `before` creates a page, but the page exists');
      result[edit.path] = edit.after;
      continue;
    }
    if (current === undefined) throw new EditConflictError(edit.path, 'the page does not exist');
    const count = countOccurrences(current, edit.before);
    if (count !== 1) {
      const problem = count === 0 ? 'does not occur' : `occurs ${count} times`;
      throw new EditConflictError(
        edit.path,
        `\`before\` ${preview(edit.before)} ${problem}; it must occur exactly once`,
      );
    }
    const at = current.indexOf(edit.before);
    result[edit.path] = current.slice(0, at) + edit.after + current.slice(at + edit.before.length);
  }
  return result;
}
