import type { Edit } from '../../core/change.js';
import { checkEdits } from './check-edits.js';
import type { DocsTree } from './docs-tree.js';

/** The edits that break nothing on the docs site; each one dropped is named in a note with the reason. */
export function keepSoundEdits(tree: DocsTree, edits: Edit[]): { edits: Edit[]; notes: string[] } {
  let kept = edits;
  const notes: string[] = [];
  for (let round = 0; round <= edits.length; round++) {
    const problems = checkEdits(tree, kept);
    if (!problems.length) break;
    const dropped = new Set(problems.map((p) => p.index));
    for (const p of problems)
      notes.push(`An edit of ${kept[p.index]!.path} was left out: it would break the docs site (${p.message}).`);
    kept = kept.filter((_, i) => !dropped.has(i));
  }
  return { edits: kept, notes };
}
