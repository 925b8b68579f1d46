import type { Octokit } from 'octokit';
import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { ChangeContext, ChangedFile } from '../../core/change.js';
import type { SourceAdapter } from '../contract.js';
import { boundDiff } from '../kit/bound-diff.js';
import { filterChangedFiles } from '../kit/change-filters.js';
import { describeChange, notCoveredError, outcomeText, readsThroughContext } from '../kit/code-host.js';
import type { GitHubClients } from './clients.js';
import { upsertOutcomeComment } from './outcome-comment.js';
import { relatedCode } from './related-code.js';
import { githubHistory } from './history.js';
import { resolveGitHubLink } from './resolve-link.js';
import { splitRepo } from './repo-name.js';
import { githubSourceSchema, type GitHubSource, type GitHubTrigger } from './schemas.js';

const diffBudgetBytes = 400_000;
const maxFileContents = 30;
const maxFileBytes = 200_000;

const triggerOf = (project: Project, source: GitHubSource) =>
  project.triggers.find((t) => t.type === 'github' && t.integrationId === source.integrationId) as
    GitHubTrigger | undefined;

function allowed(project: Project, source: GitHubSource): boolean {
  const trigger = triggerOf(project, source);
  if (trigger && !trigger.excludeRepos.includes(source.repo) && (!trigger.repos || trigger.repos.includes(source.repo)))
    return true;
  return readsThroughContext(project, 'github', source.integrationId, source.repo);
}

export function createGitHubSource(clients: GitHubClients): SourceAdapter<GitHubSource> {
  return {
    sourceSchema: githubSourceSchema,

    sourceUrl: (source) =>
      source.pullNumber ? `https://github.com/${source.repo}/pull/${source.pullNumber}` : undefined,

    citationUrl: (source, c) =>
      `https://github.com/${source.repo}/blob/${c.side === 'new' ? source.head : source.base}/${c.path}#L${c.startLine}-L${c.endLine}`,

    describeSource: (source) => describeChange(source.repo, source.pullNumber, source.base, source.head),

    async validateSource(source, project) {
      if (!allowed(project, source)) throw notCoveredError(project, source.repo, 'GitHub', source.integrationId);
      const octokit = await clients.forRepo(source.integrationId, source.repo);
      for (const field of ['base', 'head'] as const) {
        try {
          await octokit.rest.git.getCommit({ ...splitRepo(source.repo), commit_sha: source[field] });
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status !== 404 && status !== 422) throw error;
          throw new AppError('invalid_source', `commit ${source[field]} does not exist in ${source.repo}`, [
            { path: `source.${field}`, message: 'unknown commit' },
          ]);
        }
      }
      return source;
    },

    resolveLink: (url, project) => resolveGitHubLink(clients, url, project, allowed),

    history: (trigger, _project, window) => githubHistory(clients, trigger as GitHubTrigger, window),

    async gatherContext(source, project) {
      const octokit = await clients.forRepo(source.integrationId, source.repo);
      const { owner, repo } = splitRepo(source.repo);
      const pr = source.pullNumber
        ? (await octokit.rest.pulls.get({ owner, repo, pull_number: source.pullNumber })).data
        : undefined;
      // A push has no pull request: one compare answers both its files and its commits.
      const compared = pr
        ? undefined
        : (
            await octokit.rest.repos.compareCommitsWithBasehead({
              owner,
              repo,
              basehead: `${source.base}...${source.head}`,
            })
          ).data;
      const listed = pr
        ? await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pr.number, per_page: 100 })
        : (compared!.files ?? []);

      const filtered = filterChangedFiles(
        listed.map((f) => f.filename),
        triggerOf(project, source),
      );
      if (filtered.skip) return { skip: filtered.skip };

      const diffText = await compareDiff(octokit, owner, repo, source);
      const bounded = boundDiff(diffText, new Set(filtered.kept), diffBudgetBytes);
      const files: ChangedFile[] = listed
        .filter((f) => filtered.kept.includes(f.filename))
        .map((f) => ({
          path: f.filename,
          status:
            f.status === 'removed'
              ? 'deleted'
              : f.status === 'added'
                ? 'added'
                : f.status === 'renamed'
                  ? 'renamed'
                  : 'modified',
          ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
        }));
      for (const file of files.filter((f) => f.status !== 'deleted').slice(0, maxFileContents)) {
        file.content = await fileAt(octokit, owner, repo, file.path, source.head);
      }
      const commits = pr
        ? await octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number: pr.number, per_page: 100 })
        : compared!.commits;

      const notes = [
        pr ? `Pull request #${pr.number}: ${pr.title}\n\n${pr.body ?? ''}`.trim() : '',
        pr?.labels?.length ? `Labels: ${pr.labels.map((l) => (typeof l === 'string' ? l : l.name)).join(', ')}` : '',
        bounded.omitted.length ? `Left out of the diff to stay within budget: ${bounded.omitted.join(', ')}` : '',
        ...(await relatedCode(octokit, source.repo, bounded.diff, new Set(filtered.kept))),
      ].filter(Boolean);
      const change: ChangeContext = {
        sourceLabel: this.describeSource(source),
        ...(notes.length ? { note: notes.join('\n\n') } : {}),
        commits: commits.map((c) => ({
          sha: c.sha,
          message: c.commit.message,
          author: c.commit.author?.name ?? undefined,
        })),
        diff: bounded.diff,
        files,
        ...(pr?.user?.login ? { author: pr.user.login } : {}),
        ...(pr?.head?.ref ? { branch: pr.head.ref } : {}),
      };
      return { change };
    },

    async reportOutcome(source, project, outcome) {
      const trigger = triggerOf(project, source);
      if (!source.pullNumber || trigger?.feedback === false) return;
      const octokit = await clients.forRepo(source.integrationId, source.repo);
      await upsertOutcomeComment(octokit, source.repo, source.pullNumber, project.id, outcomeText(outcome));
    },
  };
}

async function compareDiff(octokit: Octokit, owner: string, repo: string, source: GitHubSource): Promise<string> {
  const response = await octokit.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${source.base}...${source.head}`,
    mediaType: { format: 'diff' },
  });
  return response.data as unknown as string;
}

async function fileAt(
  octokit: Octokit,
  owner: string,
  repo: string,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data) || data.size > maxFileBytes)
      return undefined;
    const text = Buffer.from(data.content, 'base64').toString('utf8');
    return text.includes('\0') ? undefined : text;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
