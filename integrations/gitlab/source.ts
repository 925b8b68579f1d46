import { AppError } from '../../core/errors.js';
import type { ChangeContext, ChangedFile } from '../../core/change.js';
import type { Project } from '../../core/project.js';
import type { SourceAdapter } from '../contract.js';
import { boundDiff } from '../kit/bound-diff.js';
import { filterChangedFiles } from '../kit/change-filters.js';
import { notCoveredError, outcomeText, readsThroughContext } from '../kit/code-host.js';
import { filePath, isStatus, projectPath, type GitLabApi } from './api.js';
import type { GitLabClients } from './clients.js';
import { upsertOutcomeNote } from './outcome-comment.js';
import { gitlabSourceSchema, type GitLabSource, type GitLabTrigger } from './schemas.js';

const diffBudgetBytes = 400_000;
const maxFileContents = 30;
const maxFileBytes = 200_000;

/** A file's entry in a comparison (`GET /repository/compare`). */
export interface FileDiff {
  old_path: string;
  new_path: string;
  a_mode?: string;
  b_mode?: string;
  new_file: boolean;
  renamed_file: boolean;
  deleted_file: boolean;
  /** Hunks of the unified diff; empty for a binary or collapsed file. */
  diff: string;
}
interface Commit {
  id: string;
  message: string;
  author_name?: string;
}
interface Comparison {
  commits: Commit[];
  diffs: FileDiff[];
}
interface MergeRequest {
  iid: number;
  title: string;
  description?: string | null;
  author?: { username?: string };
}

const triggerOf = (project: Project, source: GitLabSource) =>
  project.triggers.find((t) => t.type === 'gitlab' && t.integrationId === source.integrationId) as
    GitLabTrigger | undefined;

function allowed(project: Project, source: GitLabSource): boolean {
  if (triggerOf(project, source)?.repos.includes(source.repo)) return true;
  return readsThroughContext(project, 'gitlab', source.integrationId, source.repo);
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** One file's section of `git diff` output, from GitLab's per-file entry (whose `diff` holds the hunks only). */
export function diffSection(d: FileDiff): string {
  let text = `diff --git a/${d.old_path} b/${d.new_path}\n`;
  if (d.new_file) text += `new file mode ${d.b_mode ?? '100644'}\n`;
  if (d.deleted_file) text += `deleted file mode ${d.a_mode ?? '100644'}\n`;
  if (d.renamed_file) text += `rename from ${d.old_path}\nrename to ${d.new_path}\n`;
  if (!d.diff) return text;
  const hunks = d.diff.endsWith('\n') ? d.diff : `${d.diff}\n`;
  if (hunks.startsWith('--- ')) return text + hunks;
  return `${text}--- ${d.new_file ? '/dev/null' : `a/${d.old_path}`}\n+++ ${d.deleted_file ? '/dev/null' : `b/${d.new_path}`}\n${hunks}`;
}

const statusOf = (d: FileDiff): ChangedFile['status'] =>
  d.deleted_file ? 'deleted' : d.new_file ? 'added' : d.renamed_file ? 'renamed' : 'modified';

export function createGitLabSource(clients: GitLabClients): SourceAdapter<GitLabSource> {
  const web = (source: GitLabSource) => clients.webOrigin(source.integrationId);
  return {
    sourceSchema: gitlabSourceSchema,

    sourceUrl: (source) =>
      source.mergeRequestIid && web(source)
        ? `${web(source)}/${source.repo}/-/merge_requests/${source.mergeRequestIid}`
        : undefined,

    citationUrl: (source, c) =>
      web(source)
        ? `${web(source)}/${source.repo}/-/blob/${c.side === 'new' ? source.head : source.base}/${encodePath(c.path)}#L${c.startLine}-${c.endLine}`
        : undefined,

    describeSource: (source) =>
      source.mergeRequestIid
        ? `${source.repo}!${source.mergeRequestIid}`
        : `${source.repo} ${source.base.slice(0, 12)}..${source.head.slice(0, 12)}`,

    async validateSource(source, project) {
      if (!allowed(project, source)) throw notCoveredError(project, source.repo, 'GitLab', source.integrationId);
      const api = await clients.api(source.integrationId);
      const pinned = { ...source };
      for (const field of ['base', 'head'] as const) {
        try {
          pinned[field] = (
            await api.get<Commit>(`${projectPath(source.repo)}/repository/commits/${encodeURIComponent(source[field])}`)
          ).id;
        } catch (error) {
          if (!isStatus(error, 404)) throw error;
          throw new AppError('invalid_source', `revision ${source[field]} does not exist in ${source.repo}`, [
            { path: `source.${field}`, message: 'unknown revision (or a project the token cannot read)' },
          ]);
        }
      }
      return pinned;
    },

    async gatherContext(source, project) {
      const api = await clients.api(source.integrationId);
      const repo = projectPath(source.repo);
      const mr = source.mergeRequestIid
        ? await api.get<MergeRequest>(`${repo}/merge_requests/${source.mergeRequestIid}`)
        : undefined;
      // Not straight: from the merge base of the two, as a merge request shows it.
      const comparison = await api.get<Comparison>(`${repo}/repository/compare`, {
        from: source.base,
        to: source.head,
      });
      const filtered = filterChangedFiles(
        comparison.diffs.map((d) => d.new_path),
        triggerOf(project, source),
      );
      if (filtered.skip) return { skip: filtered.skip };

      const kept = new Set(filtered.kept);
      const bounded = boundDiff(comparison.diffs.map(diffSection).join(''), kept, diffBudgetBytes);
      const files: ChangedFile[] = comparison.diffs
        .filter((d) => kept.has(d.new_path))
        .map((d) => ({
          path: d.new_path,
          status: statusOf(d),
          ...(d.renamed_file ? { previousPath: d.old_path } : {}),
        }));
      for (const file of files.filter((f) => f.status !== 'deleted').slice(0, maxFileContents))
        file.content = await fileAt(api, repo, source.head, file.path);

      const notes = [
        mr ? `Merge request !${mr.iid}: ${mr.title}\n\n${mr.description ?? ''}`.trim() : '',
        bounded.omitted.length ? `Left out of the diff to stay within budget: ${bounded.omitted.join(', ')}` : '',
      ].filter(Boolean);
      const change: ChangeContext = {
        sourceLabel: this.describeSource(source),
        diff: bounded.diff,
        files,
        // GitLab lists them oldest first.
        commits: comparison.commits.map((c) => ({ sha: c.id, message: c.message, author: c.author_name })),
        ...(notes.length ? { note: notes.join('\n\n') } : {}),
        ...(mr?.author?.username ? { author: mr.author.username } : {}),
      };
      return { change };
    },

    async reportOutcome(source, project, outcome) {
      if (!source.mergeRequestIid || triggerOf(project, source)?.feedback === false) return;
      await upsertOutcomeNote(
        await clients.api(source.integrationId),
        source.repo,
        source.mergeRequestIid,
        project.id,
        outcomeText(outcome),
      );
    },
  };
}

async function fileAt(api: GitLabApi, repo: string, commit: string, path: string): Promise<string | undefined> {
  try {
    const text = await api.text(`${repo}/repository/files/${filePath(path)}/raw`, { ref: commit });
    return Buffer.byteLength(text) > maxFileBytes || text.includes('\0') ? undefined : text;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}
