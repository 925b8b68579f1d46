import { rankDocImpact } from '../impact/rank-doc-impact.js';
import type { ChangeContext, DocPage } from '../../core/change.js';
import type { ImpactedPage } from '../drafter.js';

/** The commit messages, the run's note and the documents the change refers to: what people said about the change. */
export function changeMessage(change: ChangeContext): string {
  return [
    ...change.commits.map((c) => c.message),
    change.note ?? '',
    ...(change.references ?? []).map((r) => `${r.title}\n\n${r.text}`),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Scores every page by how likely the change affects it, with the doc-impact engine; pages with no signal are left out. */
export function findAffectedPages(change: ChangeContext, docs: DocPage[]): ImpactedPage[] {
  const contents = new Map(
    change.files.flatMap((f) => (f.content === undefined ? [] : [[f.path, f.content] as const])),
  );
  return rankDocImpact({ diff: change.diff, message: changeMessage(change), pages: docs, contents }).ranked;
}
