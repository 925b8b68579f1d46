import fs from 'node:fs';
import path from 'node:path';
import { gitBytes, gitIn } from './git-history.js';

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

/**
 * The code tree of a commit, read from git's objects rather than a checkout: the same files `readCodeTree` reads,
 * with no filter, attribute (`export-ignore`) or hook of the repository involved. Symlinks and submodules are
 * left out, as `readCodeTree` leaves them. Throws when the commit cannot be listed.
 */
export function readCodeTreeAt(repo: string, commit: string): CodeTree {
  const listing = commit.startsWith('-') ? null : gitIn(repo, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit]);
  if (listing === null) throw new Error(`git ls-tree of ${commit} in ${repo} failed`);
  const paths = new Set<string>();
  const wanted: { path: string; object: string }[] = [];
  for (const entry of listing.split('\0').filter(Boolean)) {
    const tab = entry.indexOf('\t');
    const [mode, type, object, size] = entry.slice(0, tab).split(/\s+/);
    const file = entry.slice(tab + 1);
    const parts = file.split('/');
    if (type !== 'blob' || mode === '120000' || parts.slice(0, -1).some((dir) => SKIPPED_DIRS.has(dir))) continue;
    parts.forEach((_part, i) => paths.add(parts.slice(0, i + 1).join('/')));
    const name = parts[parts.length - 1];
    if (CODE.test(name) && !SKIPPED_FILES.test(name) && Number(size) <= MAX_BYTES) wanted.push({ path: file, object });
  }
  const files = new Map<string, string>();
  if (wanted.length > 0) {
    const batch = gitBytes(repo, ['cat-file', '--batch'], wanted.map((w) => w.object).join('\n') + '\n');
    if (batch === null) throw new Error(`git cat-file of ${commit} in ${repo} failed`);
    let at = 0;
    for (const { path: file } of wanted) {
      const headerEnd = batch.indexOf(0x0a, at);
      const size = Number(batch.subarray(at, headerEnd).toString('utf8').split(' ')[2]);
      files.set(file, batch.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
      at = headerEnd + 1 + size + 1;
    }
  }
  return { root: `${repo}@${commit}`, files, paths };
}
