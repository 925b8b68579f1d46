import { createHash } from 'node:crypto';

export type EntryType = 'blob' | 'tree' | 'commit';
export interface TreeEntry {
  name: string;
  mode: string;
  type: EntryType;
  sha: string;
}
/** A leaf of a flattened tree: a blob (or submodule commit) at a full path. */
export interface Leaf {
  mode: string;
  type: EntryType;
  sha: string;
}
export interface Person {
  name: string;
  email: string;
  date: string;
}
export interface CommitData {
  tree: string;
  parents: string[];
  author: Person;
  committer: Person;
  message: string;
}

function hashObject(type: string, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/** Git orders tree entries by name bytes, with sub-trees compared as if their name ended in '/'. */
function entryKey(entry: TreeEntry): Buffer {
  return Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name);
}

/** "2024-01-01T10:00:00+02:00" → "1704096000 +0200", as git writes it in a commit. */
function gitDate(iso: string): string {
  const zone = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  return `${seconds} ${zone ? `${zone[1]}${zone[2]}${zone[3]}` : '+0000'}`;
}

export function isoDate(date: string | Date): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A content-addressed object database whose ids are exactly git's SHA-1 object ids. */
export class ObjectStore {
  private readonly blobs = new Map<string, Buffer>();
  private readonly trees = new Map<string, TreeEntry[]>();
  private readonly commits = new Map<string, CommitData>();

  blob = (sha: string): Buffer | undefined => this.blobs.get(sha);
  tree = (sha: string): TreeEntry[] | undefined => this.trees.get(sha);
  commit = (sha: string): CommitData | undefined => this.commits.get(sha);

  writeBlob(data: Buffer): string {
    const sha = hashObject('blob', data);
    this.blobs.set(sha, data);
    return sha;
  }

  writeTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => Buffer.compare(entryKey(a), entryKey(b)));
    const body = Buffer.concat(
      sorted.flatMap((e) => [Buffer.from(`${e.mode.replace(/^0+/, '')} ${e.name}\0`), Buffer.from(e.sha, 'hex')]),
    );
    const sha = hashObject('tree', body);
    this.trees.set(sha, sorted);
    return sha;
  }

  writeCommit(commit: CommitData): string {
    const person = (role: string, p: Person) => `${role} ${p.name} <${p.email}> ${gitDate(p.date)}\n`;
    const text =
      `tree ${commit.tree}\n` +
      commit.parents.map((p) => `parent ${p}\n`).join('') +
      person('author', commit.author) +
      person('committer', commit.committer) +
      `\n${commit.message}`;
    const sha = hashObject('commit', Buffer.from(text));
    this.commits.set(sha, commit);
    return sha;
  }

  /** Every entry under a tree, depth first in git's order, with full paths. */
  walk(treeSha: string, recursive: boolean, prefix = ''): Array<TreeEntry & { path: string }> {
    return (this.tree(treeSha) ?? []).flatMap((e) => {
      const item = { ...e, path: prefix + e.name };
      return recursive && e.type === 'tree' ? [item, ...this.walk(e.sha, true, `${item.path}/`)] : [item];
    });
  }

  /** Path → leaf for every non-tree entry under a tree. */
  flatten(treeSha: string | undefined): Map<string, Leaf> {
    const files = new Map<string, Leaf>();
    if (treeSha)
      for (const e of this.walk(treeSha, true))
        if (e.type !== 'tree') files.set(e.path, { mode: e.mode, type: e.type, sha: e.sha });
    return files;
  }

  /** Writes the nested trees for a flat path → leaf map and returns the root tree's sha. */
  buildTree(files: Map<string, Leaf>): string {
    const here: TreeEntry[] = [];
    const dirs = new Map<string, Map<string, Leaf>>();
    for (const [path, leaf] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) here.push({ name: path, ...leaf });
      else {
        const dir = path.slice(0, slash);
        if (!dirs.has(dir)) dirs.set(dir, new Map());
        dirs.get(dir)!.set(path.slice(slash + 1), leaf);
      }
    }
    for (const [name, sub] of dirs) here.push({ name, mode: '040000', type: 'tree', sha: this.buildTree(sub) });
    return this.writeTree(here);
  }

  /** The commit and all its ancestors. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next) || !this.commit(next)) continue;
      seen.add(next);
      queue.push(...this.commit(next)!.parents);
    }
    return seen;
  }

  /** A best common ancestor: common ancestors that no other common ancestor descends from. */
  mergeBase(a: string, b: string): string | undefined {
    const ofA = this.ancestors(a);
    const common = [...this.ancestors(b)].filter((sha) => ofA.has(sha));
    const below = new Set(common.flatMap((sha) => this.commit(sha)!.parents.flatMap((p) => [...this.ancestors(p)])));
    return common.find((sha) => !below.has(sha));
  }

  /** Commits reachable from head but not from base, parents before children (as `git log --reverse --topo-order`). */
  commitsBetween(base: string | undefined, head: string): string[] {
    const exclude = base ? this.ancestors(base) : new Set<string>();
    const order: string[] = [];
    const visit = (sha: string) => {
      if (exclude.has(sha) || !this.commit(sha)) return;
      exclude.add(sha);
      for (const parent of this.commit(sha)!.parents) visit(parent);
      order.push(sha);
    };
    visit(head);
    return order;
  }
}
