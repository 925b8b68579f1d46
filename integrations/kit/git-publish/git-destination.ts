import { AppError } from '../../../core/errors.js';
import type { DocPage } from '../../../core/change.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import type { DestinationAdapter, PublishRequest, PublishResult } from '../../contract.js';
import { runBranch, type PushedBranch } from './branch.js';
import { codeOwnersOf } from './code-owners.js';
import { commitMessage, commitOwner } from './commit-trailers.js';
import { isSiteFileBelow, siteFilesAbove } from '../../../drafting/docs-site/site-files.js';
import { docExtensions, docsPrefix, isEditableText, maxPages } from './docs-folder.js';
import { docsPullRequests, type DocsPRHost } from './docs-pull-requests.js';
import { editedPages } from './edited-pages.js';
import type { GitStore } from './git-store.js';

export interface GitDestinationOptions<D extends TypedConfig & { baseBranch: string; docsDir: string }> {
  /** The docs repository of a destination (a store may be built per call; it is cheap). */
  store(destination: D): Promise<GitStore>;
  /** How people name the repository in messages ("acme/docs", a path). */
  label(destination: D): string;
  /** What follows a push: a code host opens or updates its pull request; a local repo names the branch. */
  present(destination: D, pushed: PushedBranch, request: PublishRequest): Promise<PublishResult>;
  markReady?: DestinationAdapter<D>['markReady'];
  /** The host's side of docs PRs (`limits`): hosts without it refuse projects that set limits. */
  pullRequests?: DocsPRHost<D>;
  /**
   * What a host undoes before the run's branch is deleted (a code host closes the run's pull request and says
   * so; a local repository has nothing to close). Given, the destination can `unpublish`.
   */
  withdraw?(destination: D, branch: string): Promise<string | undefined>;
}

/**
 * A destination that is a git repository: pages are the doc files below `docsDir` on `baseBranch`;
 * a run publishes one commit on the branch `docflow/<run id>`, whose trailers let a retry recognise
 * its own work (published already → the same result; an earlier draft of the run → replaced;
 * anyone else's commit → refused).
 */
export function createGitDestination<D extends TypedConfig & { baseBranch: string; docsDir: string }>(
  options: GitDestinationOptions<D>,
): DestinationAdapter<D> {
  async function baseCommit(store: GitStore, d: D): Promise<string> {
    const head = await store.branchHead(d.baseBranch);
    if (!head)
      throw new AppError('invalid_destination', `branch "${d.baseBranch}" does not exist in ${options.label(d)}`, [
        { path: 'baseBranch', message: 'unknown branch' },
      ]);
    return head;
  }

  /** Nothing on the branch yet, this suggestion (published), an earlier draft of the run, or someone else's work (refused). */
  async function branchState(
    store: GitStore,
    d: D,
    branch: string,
    request: PublishRequest,
  ): Promise<{ head?: string; published?: string }> {
    const head = await store.branchHead(branch);
    if (!head) return {};
    const owner = commitOwner(await store.commitMessage(head), request);
    if (owner === 'foreign')
      throw new AppError(
        'branch_conflict',
        `branch ${branch} already exists in ${options.label(d)} and its last commit was not made by docflow for this run`,
      );
    return owner === 'this' ? { head, published: head } : { head };
  }

  return {
    async validateDestination(d) {
      await baseCommit(await options.store(d), d);
    },

    async readDocs(d) {
      const store = await options.store(d);
      const revision = await baseCommit(store, d);
      const listed = await store.listFiles(revision, docsPrefix(d.docsDir));
      const files = listed.filter((f) => docExtensions.test(f.path)).slice(0, maxPages);
      const pages: DocPage[] = [];
      for (const file of files) {
        const text = await store.readFile(revision, file.path, file.id);
        if (text !== undefined && isEditableText(text)) pages.push({ path: file.path, text });
      }
      return { revision, pages, siteFiles: await readSiteFiles(store, revision, d.docsDir, listed) };
    },

    async readFile(d, path) {
      const store = await options.store(d);
      return store.readFile(await baseCommit(store, d), path);
    },

    async codeOwners(d, paths) {
      const store = await options.store(d);
      const base = await baseCommit(store, d);
      return codeOwnersOf(paths, (file) => store.readFile(base, file));
    },

    async publish(d, request) {
      const store = await options.store(d);
      const branch = runBranch(request.runId);
      const state = await branchState(store, d, branch, request);
      if (state.published) return options.present(d, { branch, commit: state.published, created: false }, request);

      const base = await baseCommit(store, d);
      const updated = await editedPages(request.edits, d.docsDir, async (path) => {
        const text = await store.readFile(base, path);
        if (text === undefined)
          throw new AppError('edit_conflict', `${path} does not exist on the docs base branch any more`);
        return text;
      });
      const commit = await commitOnBranch(store, branch, base, updated, request, state.head);
      if (!commit) {
        // Another attempt won the race; accept its result if it published the same suggestion.
        const raced = await branchState(store, d, branch, request);
        if (!raced.published) throw new Error(`branch ${branch} moved while publishing; retrying`);
        return options.present(d, { branch, commit: raced.published, created: false }, request);
      }
      return options.present(d, { branch, commit, created: true }, request);
    },

    ...(options.markReady ? { markReady: options.markReady } : {}),
    ...(options.pullRequests
      ? {
          pullRequests: docsPullRequests(
            { store: options.store, label: options.label, baseCommit },
            options.pullRequests,
          ),
        }
      : {}),
    ...(options.withdraw ? { unpublish: (d, _result, request) => unpublish(d, request, options.withdraw!) } : {}),
  };

  /** Closes what the host opened, then deletes the run's branch unless someone else committed on it since. */
  async function unpublish(d: D, request: PublishRequest, withdraw: NonNullable<GitDestinationOptions<D>['withdraw']>) {
    const store = await options.store(d);
    if (!store.deleteBranch) throw new AppError('not_implemented', `${options.label(d)} cannot delete branches`);
    const branch = runBranch(request.runId);
    const undone = [await withdraw(d, branch)];
    const head = await store.branchHead(branch);
    if (head && commitOwner(await store.commitMessage(head), request) === 'foreign') {
      undone.push(`kept branch ${branch} in ${options.label(d)}: its last commit is not docflow's`);
    } else {
      if (head) await store.deleteBranch(branch, head);
      undone.push(`deleted branch ${branch} in ${options.label(d)}`);
    }
    return undone.filter(Boolean).join(', ');
  }
}

/** The docs site's navigation files: those listed in the docs folder, and those beside it (`mkdocs.yml`). */
async function readSiteFiles(
  store: GitStore,
  revision: string,
  docsDir: string,
  listed: { path: string; id?: string }[],
): Promise<DocPage[]> {
  const dir = docsPrefix(docsDir);
  const wanted = [
    ...listed.filter((f) => isSiteFileBelow(f.path, dir)),
    ...siteFilesAbove(dir).map((path) => ({ path, id: undefined })),
  ];
  const found: DocPage[] = [];
  for (const file of wanted) {
    const text = await store.readFile(revision, file.path, file.id);
    if (text !== undefined && isEditableText(text)) found.push({ path: file.path, text });
  }
  return found;
}

/** The run's commit on its branch, in one call or two as the host works; undefined when the branch moved first. */
async function commitOnBranch(
  store: GitStore,
  branch: string,
  base: string,
  files: Record<string, string>,
  request: PublishRequest,
  expected: string | undefined,
): Promise<string | undefined> {
  const message = commitMessage(request);
  if ('commitOnBranch' in store) return store.commitOnBranch(branch, base, files, message, expected);
  const commit = await store.writeCommit(base, files, message, request.timestamp);
  return (await store.moveBranch(branch, commit, expected)) ? commit : undefined;
}
