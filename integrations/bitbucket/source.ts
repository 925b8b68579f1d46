import { AppError } from '../../core/errors.js';
import type { ChangeContext, ChangedFile } from '../../core/change.js';
import type { Project } from '../../core/project.js';
import type { SourceAdapter } from '../contract.js';
import { boundDiff } from '../kit/bound-diff.js';
import { filterChangedFiles } from '../kit/change-filters.js';
import { describeChange, notCoveredError, outcomeText, readsThroughContext } from '../kit/code-host.js';
import { isStatus, repoPath, type BitbucketApi } from './api.js';
import type { BitbucketClients } from './clients.js';
import { upsertOutcomeComment } from './outcome-comment.js';
import { bitbucketSourceSchema, type BitbucketSource, type BitbucketTrigger } from './schemas.js';

const diffBudgetBytes = 400_000;
const maxFileContents = 30;
const maxFileBytes = 200_000;
const web = 'https://bitbucket.org';

interface DiffStat {
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'merge conflict' | 'local deleted' | 'remote deleted';
  old?: { path: string } | null;
  new?: { path: string } | null;
}
interface Commit {
  hash: string;
  message: string;
  author?: { raw?: string; user?: { display_name?: string } };
}
interface PullRequest {
  id: number;
  title: string;
  description?: string;
  author?: { uuid?: string };
}

const triggerOf = (project: Project, source: BitbucketSource) =>
  project.triggers.find((t) => t.type === 'bitbucket' && t.integrationId === source.integrationId) as
    BitbucketTrigger | undefined;

function allowed(project: Project, source: BitbucketSource): boolean {
  if (triggerOf(project, source)?.repos.includes(source.repo)) return true;
  return readsThroughContext(project, 'bitbucket', source.integrationId, source.repo);
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function createBitbucketSource(clients: BitbucketClients): SourceAdapter<BitbucketSource> {
  return {
    sourceSchema: bitbucketSourceSchema,

    sourceUrl: (source) =>
      source.pullRequestId ? `${web}/${source.repo}/pull-requests/${source.pullRequestId}` : undefined,

    citationUrl: (source, c) =>
      `${web}/${source.repo}/src/${c.side === 'new' ? source.head : source.base}/${encodePath(c.path)}#lines-${c.startLine}:${c.endLine}`,

    describeSource: (source) => describeChange(source.repo, source.pullRequestId, source.base, source.head),

    async validateSource(source, project) {
      if (!allowed(project, source)) throw notCoveredError(project, source.repo, 'Bitbucket', source.integrationId);
      const api = await clients.api(source.integrationId);
      const pinned = { ...source };
      for (const field of ['base', 'head'] as const) {
        try {
          pinned[field] = (
            await api.get<Commit>(`${repoPath(source.repo)}/commit/${encodeURIComponent(source[field])}`)
          ).hash;
        } catch (error) {
          if (!isStatus(error, 404)) throw error;
          throw new AppError('invalid_source', `revision ${source[field]} does not exist in ${source.repo}`, [
            { path: `source.${field}`, message: 'unknown revision' },
          ]);
        }
      }
      return pinned;
    },

    async gatherContext(source, project) {
      const api = await clients.api(source.integrationId);
      const repo = repoPath(source.repo);
      // Bitbucket's `a..b` spec compares a with its merge base with b, as a pull request shows it.
      const spec = `${source.head}..${source.base}`;
      const pr = source.pullRequestId
        ? await api.get<PullRequest>(`${repo}/pullrequests/${source.pullRequestId}`)
        : undefined;
      const stats = await api.all<DiffStat>(`${repo}/diffstat/${spec}`);
      const pathOf = (s: DiffStat) => (s.new ?? s.old)!.path;
      const filtered = filterChangedFiles(stats.map(pathOf), triggerOf(project, source));
      if (filtered.skip) return { skip: filtered.skip };

      const bounded = boundDiff(await api.text(`${repo}/diff/${spec}`), new Set(filtered.kept), diffBudgetBytes);
      const files: ChangedFile[] = stats
        .filter((s) => filtered.kept.includes(pathOf(s)))
        .map((s) => ({
          path: pathOf(s),
          status:
            s.status === 'removed' ? 'deleted' : s.status === 'added' || s.status === 'renamed' ? s.status : 'modified',
          ...(s.status === 'renamed' && s.old ? { previousPath: s.old.path } : {}),
        }));
      for (const file of files.filter((f) => f.status !== 'deleted').slice(0, maxFileContents))
        file.content = await fileAt(api, repo, source.head, file.path);
      const commits = await api.all<Commit>(`${repo}/commits/${source.head}`, { exclude: source.base });

      const notes = [
        pr ? `Pull request #${pr.id}: ${pr.title}\n\n${pr.description ?? ''}`.trim() : '',
        bounded.omitted.length ? `Left out of the diff to stay within budget: ${bounded.omitted.join(', ')}` : '',
      ].filter(Boolean);
      const change: ChangeContext = {
        sourceLabel: this.describeSource(source),
        diff: bounded.diff,
        files,
        commits: commits.map(changeCommit),
        ...(notes.length ? { note: notes.join('\n\n') } : {}),
        // The account uuid: what Bitbucket names reviewers by (it has no public usernames in its API).
        ...(pr?.author?.uuid ? { author: pr.author.uuid } : {}),
      };
      return { change };
    },

    async reportOutcome(source, project, outcome) {
      if (!source.pullRequestId || triggerOf(project, source)?.feedback === false) return;
      await upsertOutcomeComment(
        await clients.api(source.integrationId),
        source.repo,
        source.pullRequestId,
        project.id,
        outcomeText(outcome),
      );
    },
  };
}

async function fileAt(api: BitbucketApi, repo: string, commit: string, path: string): Promise<string | undefined> {
  try {
    const text = await api.text(`${repo}/src/${commit}/${encodePath(path)}`);
    return Buffer.byteLength(text) > maxFileBytes || text.includes('\0') ? undefined : text;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** A commit as a change lists it; the author's name without the address Bitbucket's `raw` carries. */
const changeCommit = (c: Commit) => ({
  sha: c.hash,
  message: c.message,
  author: c.author?.user?.display_name ?? c.author?.raw?.replace(/\s*<[^>]*>$/, ''),
});
