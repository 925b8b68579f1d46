import { countOccurrences } from '../apply-edits.js';
import type { Citation, DocPage, Edit } from '../../core/change.js';
import { checkEdits } from '../docs-site/check-edits.js';
import type { DocsTree } from '../docs-site/docs-tree.js';
import type { ModelDraft } from './draft-schema.js';
import type { PackedHunk, PackedReference } from './pack-context.js';

/**
 * Checks a model's draft against what it was shown: every edit applies to the current page text,
 * every citation points at diff lines (or lines of a document the change refers to) that were in the
 * context. Returns the edits with their cited excerpts filled in from the context (never from the
 * model), or the list of problems. With the docs `site`, edits that would break it (frontmatter, a relative
 * link or anchor) are problems too.
 */
export function validateDraft(
  draft: ModelDraft,
  pages: DocPage[],
  hunks: PackedHunk[],
  docsPrefix: string,
  references: PackedReference[] = [],
  site?: DocsTree,
): { edits: Edit[]; problems: string[] } {
  const problems: string[] = [];
  const byPath = new Map(pages.map((p) => [p.path, p.text]));
  const edits: Edit[] = [];
  const touched = new Map<string, string>();
  draft.edits.forEach((edit, i) => {
    const where = `edit ${i + 1} (${edit.path})`;
    const text = touched.get(edit.path) ?? byPath.get(edit.path);
    if (edit.before === '') {
      if (text !== undefined)
        problems.push(`${where}: "before" is empty but the page exists; quote the text to replace`);
      else if (!edit.path.startsWith(docsPrefix)) problems.push(`${where}: a new page must be under ${docsPrefix}`);
    } else if (text === undefined) {
      problems.push(`${where}: no such page in the context`);
    } else {
      const count = countOccurrences(text, edit.before);
      if (count !== 1) problems.push(`${where}: "before" must occur exactly once in the page, found ${count} times`);
      else touched.set(edit.path, text.replace(edit.before, edit.after));
    }
    const citations: Citation[] = [];
    for (const c of edit.citations) {
      const reference = hunks.some((h) => h.path === c.path) ? undefined : references.find((r) => r.id === c.path);
      if (reference) {
        const cited = c.startLine >= 1 && c.endLine >= c.startLine && c.endLine <= reference.lines.length;
        if (!cited)
          problems.push(
            `${where}: citation ${c.path} ${c.startLine}-${c.endLine} is not a range of its ${reference.lines.length} lines shown`,
          );
        else
          citations.push({
            ...c,
            side: 'new',
            excerpt: reference.lines.slice(c.startLine - 1, c.endLine).join('\n'),
            kind: 'reference',
            ...(reference.url ? { url: reference.url } : {}),
          });
        continue;
      }
      const excerpt = citedLines(hunks, c.path, c.side, c.startLine, c.endLine);
      if (excerpt === undefined)
        problems.push(
          `${where}: citation ${c.path} ${c.side} ${c.startLine}-${c.endLine} is not a range of diff lines in the context`,
        );
      else citations.push({ ...c, excerpt });
    }
    if (edit.before === edit.after) problems.push(`${where}: "after" is the same as "before"`);
    edits.push({ path: edit.path, before: edit.before, after: edit.after, rationale: edit.rationale, citations });
  });
  if (site && problems.length === 0)
    for (const p of checkEdits(site, edits))
      problems.push(`edit ${p.index + 1} (${edits[p.index]!.path}): ${p.message}`);
  if (draft.edits.length === 0 && !draft.noChangesReason.trim())
    problems.push('no edits and no noChangesReason: say why no page needs to change');
  return { edits, problems };
}

function citedLines(
  hunks: PackedHunk[],
  path: string,
  side: 'old' | 'new',
  start: number,
  end: number,
): string | undefined {
  if (end < start || end - start > 200) return undefined;
  const lines = hunks
    .filter((h) => h.path === path)
    .flatMap((h) => h.hunk.lines)
    .filter((l) =>
      side === 'old' ? l.kind !== 'add' && l.oldLine !== undefined : l.kind !== 'remove' && l.newLine !== undefined,
    );
  const wanted: string[] = [];
  for (let n = start; n <= end; n++) {
    const line = lines.find((l) => (side === 'old' ? l.oldLine : l.newLine) === n);
    if (!line) return undefined;
    wanted.push(line.text);
  }
  return wanted.join('\n');
}
