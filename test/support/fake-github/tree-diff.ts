import type { Leaf, ObjectStore } from './git-objects.js';
import { diffText } from './line-diff.js';

export interface FileChange {
  filename: string;
  previousFilename?: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  oldLeaf?: Leaf;
  newLeaf?: Leaf;
  /** Hunks only, as in the `patch` field of GitHub's file entries; undefined for binary files. */
  patch?: string;
  additions: number;
  deletions: number;
}

const isBinary = (data: Buffer) => data.includes(0);

/** The changes between two trees, with exact renames detected, sorted by path (as `git diff -M`). */
export function diffTrees(store: ObjectStore, oldTree: string | undefined, newTree: string): FileChange[] {
  const before = store.flatten(oldTree);
  const after = store.flatten(newTree);
  const added = [...after.keys()].filter((p) => !before.has(p));
  const removed = [...before.keys()].filter((p) => !after.has(p));
  const changes: FileChange[] = [];
  for (const path of after.keys()) {
    const [oldLeaf, newLeaf] = [before.get(path), after.get(path)!];
    if (oldLeaf && (oldLeaf.sha !== newLeaf.sha || oldLeaf.mode !== newLeaf.mode))
      changes.push(withPatch(store, { filename: path, status: 'modified', oldLeaf, newLeaf }));
  }
  for (const path of added) {
    const newLeaf = after.get(path)!;
    const from = removed.findIndex((p) => before.get(p)!.sha === newLeaf.sha);
    if (from >= 0) {
      const [previous] = removed.splice(from, 1);
      changes.push({
        filename: path,
        previousFilename: previous,
        status: 'renamed',
        oldLeaf: before.get(previous),
        newLeaf,
        patch: '',
        additions: 0,
        deletions: 0,
      });
    } else changes.push(withPatch(store, { filename: path, status: 'added', newLeaf }));
  }
  for (const path of removed)
    changes.push(withPatch(store, { filename: path, status: 'removed', oldLeaf: before.get(path) }));
  return changes.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
}

function withPatch(store: ObjectStore, change: Omit<FileChange, 'additions' | 'deletions'>): FileChange {
  const oldData = change.oldLeaf ? (store.blob(change.oldLeaf.sha) ?? Buffer.alloc(0)) : Buffer.alloc(0);
  const newData = change.newLeaf ? (store.blob(change.newLeaf.sha) ?? Buffer.alloc(0)) : Buffer.alloc(0);
  if (isBinary(oldData) || isBinary(newData)) return { ...change, additions: 0, deletions: 0 };
  const { hunks, additions, deletions } = diffText(oldData.toString('utf8'), newData.toString('utf8'));
  return { ...change, patch: hunks.replace(/\n$/, ''), additions, deletions };
}

const short = (sha: string | undefined) => (sha ?? '0000000').slice(0, 7);

/** One file's section of `git diff` output. */
export function gitDiffSection(change: FileChange): string {
  const from = change.previousFilename ?? change.filename;
  const { oldLeaf, newLeaf } = change;
  let text = `diff --git a/${from} b/${change.filename}\n`;
  if (change.status === 'added') text += `new file mode ${newLeaf!.mode}\n`;
  if (change.status === 'removed') text += `deleted file mode ${oldLeaf!.mode}\n`;
  if (change.status === 'renamed')
    return `${text}similarity index 100%\nrename from ${from}\nrename to ${change.filename}\n`;
  const sameMode = oldLeaf && newLeaf && oldLeaf.mode === newLeaf.mode;
  if (oldLeaf && newLeaf && !sameMode) text += `old mode ${oldLeaf.mode}\nnew mode ${newLeaf.mode}\n`;
  if (oldLeaf?.sha === newLeaf?.sha) return text;
  text += `index ${short(oldLeaf?.sha)}..${short(newLeaf?.sha)}${sameMode ? ` ${newLeaf.mode}` : ''}\n`;
  if (change.patch === undefined)
    return `${text}Binary files ${oldLeaf ? `a/${from}` : '/dev/null'} and ${newLeaf ? `b/${change.filename}` : '/dev/null'} differ\n`;
  if (change.patch === '') return text;
  return `${text}--- ${oldLeaf ? `a/${from}` : '/dev/null'}\n+++ ${newLeaf ? `b/${change.filename}` : '/dev/null'}\n${change.patch}\n`;
}
