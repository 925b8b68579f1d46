import type { AuditFinding } from '../../core/audit-finding.js';
import type { Citation, ContextReference, DocPage, Edit } from '../../core/change.js';
import { applyEdits } from '../apply-edits.js';
import type { DraftResult } from '../drafter.js';
import { splitPage, toEdits, type LineChange } from '../offline/page-changes.js';
import { termRegex } from '../offline/term-match.js';

const line = (f: AuditFinding): string =>
  `- ${f.page}:${f.line} \`${f.element}\` (${f.kind})` +
  (f.fix ? ` → \`${f.fix.to}\` (${f.fix.commit.slice(0, 7)})` : '');

/** How an audit names the reference holding a renaming commit's diff (`commit 209b1fc`). */
export const commitReferenceId = (commit: string): string => `commit ${commit.slice(0, 7)}`;

/** The line of the renaming commit's diff (a reference of the change) that adds the new name, else its first line. */
function citeRename(fix: NonNullable<AuditFinding['fix']>, references: ContextReference[]): Citation[] {
  const reference = references.find((r) => r.id === commitReferenceId(fix.commit));
  if (!reference) return [];
  const lines = reference.text.split('\n');
  const added = lines.findIndex((l) => l.startsWith('+') && !l.startsWith('+++') && l.includes(fix.to));
  const at = added >= 0 ? added : 0;
  return [
    {
      kind: 'reference',
      path: reference.id,
      side: 'new',
      startLine: at + 1,
      endLine: at + 1,
      excerpt: lines[at] ?? '',
      ...(reference.url ? { url: reference.url } : {}),
    },
  ];
}

/**
 * An audit as a suggestion: the rename fixes as exact edits (each line's old name replaced by the new one, checked
 * to apply like any draft, citing the renaming commit when `references` hold its diff), and a summary listing
 * every finding, those without a fix left to a person.
 */
export function auditDraft(
  findings: AuditFinding[],
  pages: DocPage[],
  references: ContextReference[] = [],
): DraftResult {
  const byPage = new Map(pages.map((p) => [p.path, p.text]));
  const edits: Edit[] = [];
  for (const [path, text] of byPage) {
    const lines = splitPage(text);
    const changes: LineChange[] = [];
    for (const f of findings.filter((x) => x.page === path && x.fix)) {
      const { from, to, commit, subject } = f.fix!;
      const i = f.line - 1;
      const renamed = (lines[i] ?? '').replace(termRegex(from), to);
      if (renamed === lines[i]) continue;
      const rationale = `\`${from}\` was renamed to \`${to}\` in ${commit.slice(0, 7)} (${subject}).`;
      const same = changes.find((c) => c.start === i);
      if (same) {
        same.lines = [same.lines[0].replace(termRegex(from), to)];
        same.rationale += ` ${rationale}`;
        same.citations.push(...citeRename(f.fix!, references));
      } else
        changes.push({ start: i, end: i + 1, lines: [renamed], rationale, citations: citeRename(f.fix!, references) });
    }
    if (changes.length > 0) edits.push(...toEdits(path, text, changes));
  }
  applyEdits(byPage, edits);
  const fixed = findings.filter((f) => f.fix);
  const open = findings.filter((f) => !f.fix);
  const count = `${findings.length} stale reference${findings.length === 1 ? '' : 's'}`;
  const forAPerson = open.length ? ['', 'Gone, for a person to rewrite or remove:', ...open.map(line)] : [];
  const summary = [
    `Docs audit: ${count} to code elements that no longer exist.`,
    ...(fixed.length ? ['', 'Renamed (fixed by these edits):', ...fixed.map(line)] : []),
    ...forAPerson,
  ].join('\n');
  const pagesHit = [...new Set(findings.map((f) => f.page))];
  return {
    edits,
    summary,
    impacted: pagesHit.map((path) => ({
      path,
      score: findings.filter((f) => f.page === path).length,
      reasons: findings.filter((f) => f.page === path).map((f) => `names \`${f.element}\`, ${f.reason}`),
    })),
    drafter: 'audit',
    ...(edits.length === 0
      ? {
          noChangesReason: findings.length
            ? [`Docs audit: ${count}, none with a rename fix.`, ...forAPerson].join('\n')
            : 'Docs audit: no stale references; every page names code that exists.',
        }
      : {}),
  };
}
