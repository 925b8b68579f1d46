import path from 'node:path';
import { readDocsDir } from '../impact/read-docs-dir.js';
import type { AuditFinding } from './audit-kinds.js';
import { auditDocs } from './audit-docs.js';
import { buildCodeInventory } from './code-inventory.js';
import { hasHistory } from './git-history.js';
import { readCodeTree } from './read-code-tree.js';

export interface AuditDirsOptions {
  /** Use the code's git history (default: when the code tree is a git work tree). */
  history?: boolean;
}

/** Audits a docs folder against a code folder, both on disk; pages are named relative to `docsDir`. */
export function auditDirs(codeDir: string, docsDir: string, options: AuditDirsOptions = {}): AuditFinding[] {
  const tree = readCodeTree(codeDir, {
    exclude: path.resolve(codeDir) === path.resolve(docsDir) ? undefined : docsDir,
  });
  const useHistory = options.history ?? hasHistory(codeDir);
  return auditDocs({
    inventory: buildCodeInventory(tree),
    pages: readDocsDir(docsDir),
    ...(useHistory ? { historyDir: codeDir } : {}),
  });
}
