import type { DocPage, Edit } from '../../core/change.js';
import { applyEdits } from '../apply-edits.js';
import type { DraftResult } from '../drafter.js';
import { splitPage, toEdits, type LineChange } from '../offline/page-changes.js';
import { termRegex } from '../offline/term-match.js';
import type { AuditFinding } from './audit-kinds.js';

const line = (f: AuditFinding): string =>
  `- ${f.page}:${f.line} \`${f.element}\` (${f.kind})` +
  (f.fix ? ` → \`${f.fix.to}\` (${f.fix.commit.slice(0, 7)})` : '');

/**
 * An audit as a suggestion: the rename fixes as exact edits (each line's old name replaced by the new one, checked
 * to apply like any draft), and a summary listing every finding, those without a fix left to a person.
 */
export function auditDraft(findings: AuditFinding[], pages: DocPage[]): DraftResult {
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
      if (same) same.lines = [same.lines[0].replace(termRegex(from), to)];
      else changes.push({ start: i, end: i + 1, lines: [renamed], rationale, citations: [] });
    }
    if (changes.length > 0) edits.push(...toEdits(path, text, changes));
  }
  applyEdits(byPage, edits);
  const fixed = findings.filter((f) => f.fix);
  const open = findings.filter((f) => !f.fix);
  const summary = [
    `Docs audit: ${findings.length} reference${findings.length === 1 ? '' : 's'} to code elements that no longer exist.`,
    ...(fixed.length ? ['', 'Renamed (fixed by these edits):', ...fixed.map(line)] : []),
    ...(open.length ? ['', 'Gone, for a person to rewrite or remove:', ...open.map(line)] : []),
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
      ? { noChangesReason: findings.length ? 'no finding has a rename fix' : 'every page names code that exists' }
      : {}),
  };
}
