/**
 * The few git operations a docs repository must offer for docflow to publish to it: on this
 * machine (git plumbing) or at a code host (its git data or source API).
 */
export type GitStore = DetachedCommitStore | BranchCommitStore;

interface GitReader {
  /** The commit `branch` points at; undefined when the branch does not exist. */
  branchHead(branch: string): Promise<string | undefined>;
  commitMessage(commit: string): Promise<string>;
  /** Files at `revision` below `prefix` ("" for the whole tree); `id` lets `readFile` fetch by blob id. */
  listFiles(revision: string, prefix: string): Promise<{ path: string; id?: string }[]>;
  /** A file's bytes as text; undefined when there is no such file. */
  readFile(revision: string, path: string, id?: string): Promise<string | undefined>;
  /** The commit's first parent; undefined for a root commit. Needed to rebuild or join docs PRs (`pullRequests`). */
  parentOf?(commit: string): Promise<string | undefined>;
  /** Deletes `branch` if it still points at `expected`; nothing when it is gone already. Needed to unpublish. */
  deleteBranch?(branch: string, expected: string): Promise<void>;
}

/** A host that writes commits first and moves branches after (git plumbing, GitHub's git data API). */
export interface DetachedCommitStore extends GitReader {
  /** One commit on `base` that sets `files` (path → full text), by docflow at `timestamp`. */
  writeCommit(base: string, files: Record<string, string>, message: string, timestamp: number): Promise<string>;
  /** Points `branch` at `commit` if it is still at `expected` (undefined: absent); false when someone moved it first. */
  moveBranch(branch: string, commit: string, expected: string | undefined): Promise<boolean>;
}

/** A host whose API commits and moves a branch in one call (Bitbucket's `POST /src`). */
export interface BranchCommitStore extends GitReader {
  /**
   * One commit on `branch` whose tree is `base` with `files` set, made only if the branch is still at
   * `expected` (undefined: absent); undefined when someone moved it first.
   */
  commitOnBranch(
    branch: string,
    base: string,
    files: Record<string, string>,
    message: string,
    expected: string | undefined,
  ): Promise<string | undefined>;
}
