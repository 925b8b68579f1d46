import type { DocPage } from '../../core/change.js';
import type { AuditFinding, DocMention } from './audit-kinds.js';
import { checkPresence } from './check-presence.js';
import type { CodeInventory } from './code-inventory.js';
import { findDocMentions } from './find-doc-mentions.js';
import { findRename, searchTexts } from './find-rename.js';
import { findFileRemoval, findRemoval } from './git-history.js';

export interface AuditInput {
  inventory: CodeInventory;
  pages: DocPage[];
  /** The code's git work tree: with it, a finding needs a commit that removed the element, and renames become fixes. */
  historyDir?: string;
  /** The commit the code was read at, when not the work tree's HEAD. */
  historyRev?: string;
}

type Verdict = { keep: false } | { keep: true; reason: string; fix?: AuditFinding['fix'] };

/** With history: gone elements the code never had are dropped (another tool's, or an example's); renames become fixes. */
function judgeWithHistory(
  { dir, rev }: { dir: string; rev?: string },
  inventory: CodeInventory,
  mention: DocMention,
  reason: string,
): Verdict {
  if (mention.kind === 'path') {
    const removal = findFileRemoval(dir, mention.element, rev);
    if (!removal) return { keep: false };
    const { commit, subject, to } = removal;
    if (to && inventory.paths.has(to))
      return {
        keep: true,
        reason: `${reason}; moved by ${commit.slice(0, 7)}`,
        fix: { from: mention.element, to, commit, subject },
      };
    return { keep: true, reason: `${reason}; deleted by ${commit.slice(0, 7)} (${subject})` };
  }
  const removal = findRemoval(dir, searchTexts(mention.kind, mention.element), rev);
  if (removal) {
    const { commit, subject } = removal;
    const renamed = findRename(mention.kind, mention.element, removal.diff);
    const present = (name: string): boolean =>
      name
        .split(/[^\w$-]+/)
        .filter(Boolean)
        .every((part) => inventory.tokens.has(part));
    if (renamed && present(renamed))
      return {
        keep: true,
        reason: `${reason}; renamed to \`${renamed}\` by ${commit.slice(0, 7)} (${subject})`,
        fix: { from: mention.element, to: renamed, commit, subject },
      };
    return { keep: true, reason: `${reason}; removed by ${commit.slice(0, 7)} (${subject})` };
  }
  return { keep: false };
}

/**
 * The audit, step by step: yields after each history lookup (a `git log -S`, the slow part), and returns the
 * findings. `auditDocs` runs it at once; `auditDocsYielding` lets the event loop breathe between lookups.
 */
function* auditSteps({ inventory, pages, historyDir, historyRev }: AuditInput): Generator<void, AuditFinding[]> {
  const verdicts = new Map<string, Verdict>();
  const findings: AuditFinding[] = [];
  for (const page of pages) {
    for (const mention of findDocMentions(page, { inventory })) {
      const presence = checkPresence(inventory, mention);
      if (!presence.gone) continue;
      const key = `${mention.kind}\u0000${mention.element}`;
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = historyDir
          ? judgeWithHistory({ dir: historyDir, rev: historyRev }, inventory, mention, presence.reason)
          : { keep: true, reason: presence.reason };
        verdicts.set(key, verdict);
        if (historyDir) yield;
      }
      if (!verdict.keep) continue;
      const { page: path, line, element, kind } = mention;
      findings.push({
        page: path,
        line,
        element,
        kind,
        reason: `${mention.how}; ${verdict.reason}`,
        ...(verdict.fix ? { fix: verdict.fix } : {}),
      });
    }
  }
  return findings.sort((a, b) => a.page.localeCompare(b.page) || a.line - b.line || a.element.localeCompare(b.element));
}

/**
 * Pages that name code elements (flags, env vars, config keys, routes, functions, file paths) which no longer exist
 * in the code, by page and line. Each distinct element is looked up in the history once.
 */
export function auditDocs(input: AuditInput): AuditFinding[] {
  const steps = auditSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `auditDocs` for a process that must keep answering meanwhile (an activity's heartbeats): it yields between lookups. */
export async function auditDocsYielding(input: AuditInput): Promise<AuditFinding[]> {
  const steps = auditSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
