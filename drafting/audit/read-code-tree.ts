import fs from 'node:fs';
import path from 'node:path';

/** The code of a tree at head: path (posix, relative to the root) → text. */
export interface CodeTree {
  root: string;
  files: Map<string, string>;
  /** Every file and directory path of the tree (code or not), to check file paths the docs name. */
  paths: Set<string>;
}

const CODE = /\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|kts?|php|sh|bash|json|ya?ml|toml|ini|cfg)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'coverage', '.next', '.cache', '__pycache__']);
// Lock files name thousands of packages and say nothing about this code.
const SKIPPED_FILES = /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|go\.sum)$/;
const MAX_BYTES = 1024 * 1024;

/**
 * Reads the code files under `root` (not markdown, not dependencies, not lock files, not the docs folder when it
 * lies inside the code tree). Files over 1 MB (bundles, fixtures) are listed but not read.
 */
export function readCodeTree(root: string, options: { exclude?: string } = {}): CodeTree {
  const files = new Map<string, string>();
  const paths = new Set<string>();
  const excluded = options.exclude ? path.resolve(options.exclude) : undefined;
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || full === excluded) continue;
        paths.add(rel);
        walk(full);
      } else if (entry.isFile()) {
        paths.add(rel);
        if (!CODE.test(entry.name) || SKIPPED_FILES.test(entry.name)) continue;
        if (fs.statSync(full).size <= MAX_BYTES) files.set(rel, fs.readFileSync(full, 'utf8'));
      }
    }
  };
  walk(path.resolve(root));
  return { root: path.resolve(root), files, paths };
}
