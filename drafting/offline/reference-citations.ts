import type { Citation, ContextReference, Edit } from '../../core/change.js';

/** The names an edit adds: the first word of each code span in `after` that `before` lacks (`--timeout`, `API_URL`). */
function addedNames(edit: Edit): string[] {
  const spans = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!.trim().split(/\s+/)[0]!);
  const before = new Set(spans(edit.before));
  return [...new Set(spans(edit.after))].filter((n) => !before.has(n) && n.length >= 3 && !/^[\d.]+$/.test(n));
}

const names = (line: string, name: string) => {
  const at = line.indexOf(name);
  if (at < 0) return false;
  const next = line[at + name.length];
  return next === undefined || !/[\w-]/.test(next);
};

/**
 * Each edit also cites, in every document the change refers to (an issue), the first line naming what
 * the edit adds, so reviewers see why the change was made; edits whose names no reference mentions
 * are left as they are.
 */
export function citeReferences(edits: Edit[], references: ContextReference[]): Edit[] {
  if (!references.length) return edits;
  return edits.map((edit) => {
    const added = addedNames(edit);
    const cited: Citation[] = references.flatMap((r) => {
      const lines = r.text.split('\n');
      const i = lines.findIndex((line) => added.some((name) => names(line, name)));
      if (i < 0) return [];
      return [
        {
          path: r.id,
          side: 'new' as const,
          startLine: i + 1,
          endLine: i + 1,
          excerpt: lines[i]!,
          kind: 'reference' as const,
          ...(r.url ? { url: r.url } : {}),
        },
      ];
    });
    return cited.length ? { ...edit, citations: [...edit.citations, ...cited] } : edit;
  });
}

/** What the change refers to and what its context left out, for the end of a summary; empty when nothing. */
export function referencesSummary(references: ContextReference[] = [], notes: string[] = []): string {
  const parts = [
    references.length
      ? `Context the change refers to:\n${references.map((r) => `- ${r.url ? `[${r.id}](${r.url})` : r.id}: ${r.title}`).join('\n')}`
      : '',
    notes.length ? `Left out of the context:\n${notes.map((n) => `- ${n}`).join('\n')}` : '',
  ];
  return parts.filter(Boolean).join('\n\n');
}
