import { ObjectStore, isoDate, type Person } from './git-objects.js';

export interface User {
  login: string;
  type: 'User' | 'Bot' | 'Organization';
}
export interface Pull {
  id: number;
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  labels: string[];
  user: User;
  /** Logins and team slugs asked to review. */
  requestedReviewers: string[];
  requestedTeams: string[];
  reviews: Review[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  headSha: string;
  baseSha: string;
}
export interface Review {
  id: number;
  user: User;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
  body: string;
  commitId: string;
  submittedAt: string;
}
export interface Comment {
  id: number;
  issueNumber: number;
  body: string;
  user: User;
  createdAt: string;
  updatedAt: string;
}
export interface Repo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  topics: string[];
  private: boolean;
  installationId?: number;
  createdAt: string;
  store: ObjectStore;
  refs: Map<string, string>;
  pulls: Map<number, Pull>;
  comments: Comment[];
}
export interface RepoSeed {
  files: Record<string, string>;
  defaultBranch?: string;
  topics?: string[];
  installationId?: number;
  private?: boolean;
}

const SEED_DATE = '2024-01-01T00:00:00Z';
const testAuthor = (date: string): Person => ({ name: 'Test', email: 'test@example.com', date });

/** All repositories of the fake, their git data, pull requests and comments. */
export class World {
  readonly repos = new Map<string, Repo>();
  private nextId = 1000;

  id(): number {
    return ++this.nextId;
  }

  find(fullName: string): Repo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  get(fullName: string): Repo {
    const repo = this.find(fullName);
    if (!repo) throw new Error(`fake GitHub has no repository ${fullName}`);
    return repo;
  }

  addRepo(fullName: string, seed: RepoSeed): { id: number; headSha: string } {
    const [owner, name] = fullName.split('/');
    const branch = seed.defaultBranch ?? 'main';
    const repo: Repo = {
      id: this.id(),
      owner,
      name,
      fullName,
      defaultBranch: branch,
      topics: seed.topics ?? [],
      private: seed.private ?? false,
      installationId: seed.installationId,
      createdAt: SEED_DATE,
      store: new ObjectStore(),
      refs: new Map(),
      pulls: new Map(),
      comments: [],
    };
    this.repos.set(fullName.toLowerCase(), repo);
    const headSha = this.writeCommit(repo, undefined, seed.files, 'Initial commit', SEED_DATE);
    repo.refs.set(`refs/heads/${branch}`, headSha);
    return { id: repo.id, headSha };
  }

  /** Commits files (null deletes) on a branch, creating it from the default branch when missing. */
  commit(fullName: string, branch: string, files: Record<string, string | null>, message: string): string {
    const repo = this.get(fullName);
    const parent = repo.refs.get(`refs/heads/${branch}`) ?? repo.refs.get(`refs/heads/${repo.defaultBranch}`);
    const sha = this.writeCommit(repo, parent, files, message, isoDate(new Date()));
    repo.refs.set(`refs/heads/${branch}`, sha);
    return sha;
  }

  private writeCommit(
    repo: Repo,
    parent: string | undefined,
    files: Record<string, string | null>,
    message: string,
    date: string,
  ): string {
    const { store } = repo;
    const tree = store.flatten(parent ? store.commit(parent)!.tree : undefined);
    for (const [path, text] of Object.entries(files)) {
      if (text === null) tree.delete(path);
      else tree.set(path, { mode: '100644', type: 'blob', sha: store.writeBlob(Buffer.from(text)) });
    }
    const person = testAuthor(date);
    return store.writeCommit({
      tree: store.buildTree(tree),
      parents: parent ? [parent] : [],
      author: person,
      committer: person,
      message,
    });
  }

  addPull(
    fullName: string,
    opts: {
      number?: number;
      title: string;
      body?: string;
      head: string;
      base: string;
      draft?: boolean;
      labels?: string[];
      user?: string;
    },
  ): Pull {
    const repo = this.get(fullName);
    for (const branch of [opts.head, opts.base])
      if (!repo.refs.has(`refs/heads/${branch}`)) throw new Error(`${fullName} has no branch ${branch}`);
    const now = isoDate(new Date());
    const pull: Pull = {
      id: this.id(),
      number: opts.number ?? this.nextNumber(repo),
      title: opts.title,
      body: opts.body ?? '',
      head: opts.head,
      base: opts.base,
      draft: opts.draft ?? false,
      state: 'open',
      merged: false,
      labels: opts.labels ?? [],
      user: { login: opts.user ?? 'octocat', type: opts.user?.endsWith('[bot]') ? 'Bot' : 'User' },
      requestedReviewers: [],
      requestedTeams: [],
      reviews: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      headSha: '',
      baseSha: '',
    };
    repo.pulls.set(pull.number, pull);
    this.refreshPull(repo, pull);
    return pull;
  }

  /** Merges an open pull request at `at` (default now): its head's files land on base in a merge commit. */
  mergePull(fullName: string, number: number, at = isoDate(new Date())): string {
    const repo = this.get(fullName);
    const pull = repo.pulls.get(number);
    if (!pull || pull.state !== 'open') throw new Error(`${fullName}#${number} is not an open pull request`);
    this.refreshPull(repo, pull);
    const { store } = repo;
    const person = testAuthor(at);
    const sha = store.writeCommit({
      tree: store.commit(pull.headSha)!.tree,
      parents: [pull.baseSha, pull.headSha],
      author: person,
      committer: person,
      message: `Merge pull request #${number} from ${pull.head}`,
    });
    repo.refs.set(`refs/heads/${pull.base}`, sha);
    Object.assign(pull, { state: 'closed', merged: true, closedAt: at, updatedAt: at });
    return sha;
  }

  /** Closes an open pull request without merging it, at `at` (default now). */
  closePull(fullName: string, number: number, at = isoDate(new Date())): void {
    const repo = this.get(fullName);
    const pull = repo.pulls.get(number);
    if (!pull || pull.state !== 'open') throw new Error(`${fullName}#${number} is not an open pull request`);
    this.refreshPull(repo, pull);
    Object.assign(pull, { state: 'closed', closedAt: at, updatedAt: at });
  }

  nextNumber(repo: Repo): number {
    return Math.max(0, ...repo.pulls.keys()) + 1;
  }

  /** Open pull requests follow their branches, as on GitHub; closed ones keep the last shas. */
  refreshPull(repo: Repo, pull: Pull): Pull {
    if (pull.state === 'open') {
      pull.headSha = repo.refs.get(`refs/heads/${pull.head}`) ?? pull.headSha;
      pull.baseSha = repo.refs.get(`refs/heads/${pull.base}`) ?? pull.baseSha;
    }
    return pull;
  }

  /** A commit sha for a branch name, `heads/x`, `refs/heads/x`, a tag, or a full commit sha. */
  resolve(repo: Repo, ref: string): string | undefined {
    const name = ref.replace(/^refs\//, '');
    for (const candidate of [`refs/${name}`, `refs/heads/${name}`, `refs/tags/${name}`])
      if (repo.refs.has(candidate)) return repo.refs.get(candidate);
    if (/^[0-9a-f]{40}$/.test(ref)) return repo.store.commit(ref) ? ref : undefined;
    return undefined;
  }

  /** Text of a file at a branch or commit, or undefined. */
  readFile(fullName: string, ref: string, path: string): string | undefined {
    const repo = this.get(fullName);
    const sha = this.resolve(repo, ref);
    const leaf = sha ? repo.store.flatten(repo.store.commit(sha)!.tree).get(path) : undefined;
    return leaf ? repo.store.blob(leaf.sha)?.toString('utf8') : undefined;
  }

  branches(fullName: string): Record<string, string> {
    const entries = [...this.get(fullName).refs].filter(([ref]) => ref.startsWith('refs/heads/'));
    return Object.fromEntries(entries.map(([ref, sha]) => [ref.slice('refs/heads/'.length), sha]));
  }
}
