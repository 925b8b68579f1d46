import type { AuditFinding } from '../../core/audit-finding.js';
import type { ContextReference, DocPage } from '../../core/change.js';
import { auditDocsYielding } from '../../drafting/audit/audit-docs.js';
import { commitReferenceId } from '../../drafting/audit/audit-draft.js';
import { buildCodeInventory } from '../../drafting/audit/code-inventory.js';
import { CODE_PATHS, gitIn } from '../../drafting/audit/git-history.js';
import { readCodeTreeAt } from '../../drafting/audit/read-code-tree.js';

const maxReferenceLines = 400;

/**
 * Audits `pages` against the code of `repo` at `commit`: the tree is read from git's objects (the work tree and its
 * uncommitted files are never read), the history up to that commit. Yields between history lookups, so the
 * activity running it keeps heartbeating.
 */
export async function auditCode(repo: string, commit: string, pages: DocPage[]): Promise<AuditFinding[]> {
  return auditDocsYielding({
    inventory: buildCodeInventory(readCodeTreeAt(repo, commit)),
    pages,
    historyDir: repo,
    historyRev: commit,
  });
}

/** The code diff of each commit a fix names, as references the fixes' edits cite. */
export function renameCommits(repo: string, findings: AuditFinding[]): ContextReference[] {
  const commits = [...new Set(findings.flatMap((f) => (f.fix ? [f.fix] : [])).map((fix) => fix.commit))];
  return commits.map((commit) => {
    const fix = findings.find((f) => f.fix?.commit === commit)!.fix!;
    const shown = gitIn(repo, [
      'show',
      '--format=commit %H%n%n    %s%n',
      '--no-color',
      '-U1',
      '-M',
      commit,
      ...CODE_PATHS,
    ]);
    const lines = (shown ?? `commit ${commit}\n\n    ${fix.subject}\n`).split('\n');
    return {
      id: commitReferenceId(commit),
      kind: 'commit',
      title: fix.subject,
      text: lines.slice(0, maxReferenceLines).join('\n'),
    };
  });
}
