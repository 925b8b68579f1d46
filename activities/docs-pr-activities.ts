import type { Db } from '../db/database.js';
import { findProject } from '../db/repositories/projects.js';
import { findRun } from '../db/repositories/runs.js';
import { findSuggestion } from '../db/repositories/suggestions.js';
import {
  listDocsPRs,
  oldestOpenDocsPR,
  recordClosed,
  releaseReservation,
  reserveDocsPR,
  runsToRelease,
  type DocsPR,
} from '../db/repositories/docs-prs.js';
import { AppError, isAppError } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';
import type { Project } from '../core/project.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { DocsPullRequests, PublishRequest } from '../integrations/contract.js';
import type { Integrations } from '../integrations/integrations.js';
import { publishMessage } from './publish-message.js';

export type DocsPRClaim = { go: true; join?: boolean } | { go: false; reason: string };

export interface DocsPRCheck {
  counts: Record<string, number>;
  /** Per PR, what the check did when it was more than "still open" (closed, expired, rebuilt, a conflict, a failure). */
  details: string[];
  /** Queued runs that may take a freed slot now, oldest first: the workflow signals them. */
  release: string[];
}

async function requireProject(db: Db, id: string): Promise<Project> {
  const project = await findProject(db, id);
  if (!project) throw new AppError('project_not_found', `project ${id} no longer exists`);
  return project;
}

const destinationLabel = (d: TypedConfig) => (typeof d.repo === 'string' ? d.repo : d.type);

/** The destination's docs PRs; a destination without them refuses (projects with `limits` are checked when saved). */
export function docsPRsOf(integrations: Integrations, destination: TypedConfig): DocsPullRequests<TypedConfig> {
  const prs = integrations.destination(destination.type).pullRequests;
  if (!prs)
    throw new AppError(
      'not_implemented',
      `${destination.type} destinations do not support docs PR limits (limits.openDocsPRs); remove "limits" from the project`,
    );
  return prs;
}

/** The commits of a docs PR as they were published: the run's own, then each joined run's, oldest first. */
async function publishedCommits(db: Db, integrations: Integrations, pr: DocsPR): Promise<PublishRequest[]> {
  const run = await findRun(db, pr.runId);
  const source = run?.source as TypedConfig | undefined;
  const own = {
    runId: pr.runId,
    suggestionId: pr.suggestionId!,
    sourceLabel: source ? integrations.source(source.type).describeSource(source) : pr.runId,
  };
  const requests: PublishRequest[] = [];
  for (const entry of [own, ...pr.joined]) {
    const suggestion = await findSuggestion(db, entry.suggestionId);
    if (!suggestion) throw new AppError('not_found', `suggestion ${entry.suggestionId} is missing`);
    requests.push({
      runId: entry.runId,
      suggestionId: entry.suggestionId,
      ...publishMessage(suggestion, entry.sourceLabel),
      edits: suggestion.edits,
      timestamp: Date.now(),
      sourceLabel: entry.sourceLabel,
      sourceMerged: true,
    });
  }
  return requests;
}

/**
 * The `limits` side of runs: a run takes a docs PR slot before it gathers anything (or waits, queued), gives it
 * back when it ends without publishing, and the recurring check follows the project's open docs PRs.
 */
export function docsPRActivities({ db, integrations }: { db: Db; integrations: Integrations }) {
  return {
    async claimDocsPR(input: { projectId: string; runId: string }): Promise<DocsPRClaim> {
      const project = await requireProject(db, input.projectId);
      const limits = project.limits;
      if (!limits) return { go: true };
      const destination = project.destinations[0]!;
      docsPRsOf(integrations, destination);
      const reserved = await reserveDocsPR(db, { ...input, limit: limits.openDocsPRs });
      if (reserved.granted) return { go: true };
      if (limits.whenFull === 'join' && (await oldestOpenDocsPR(db, project.id))) return { go: true, join: true };
      const label = destinationLabel(destination);
      const others = [
        reserved.reserved ? `${reserved.reserved} more being drafted` : '',
        reserved.queuedAhead ? `${reserved.queuedAhead} run(s) queued before this one` : '',
      ].filter(Boolean);
      return {
        go: false,
        reason: `${reserved.open} docflow docs PRs are open in ${label} (limit ${limits.openDocsPRs})${others.length ? `; ${others.join(', ')}` : ''}`,
      };
    },

    /** The run ended without opening its docs PR: its slot goes to the oldest queued run. */
    async releaseDocsPR(input: { projectId: string; runId: string }): Promise<string[]> {
      if (!(await releaseReservation(db, input.runId))) return [];
      const project = await findProject(db, input.projectId);
      return project?.limits ? runsToRelease(db, project.id, project.limits.openDocsPRs) : [];
    },

    /**
     * The recurring check of a project's open docs PRs: closed or merged at the host (a missed webhook) → recorded;
     * open and unreviewed past `docsPRExpiry` → closed with a comment; the base moved under its pages → rebuilt.
     */
    async checkDocsPRs(input: { projectId: string }): Promise<DocsPRCheck> {
      const project = await requireProject(db, input.projectId);
      const counts: Record<string, number> = { checked: 0 };
      const details: string[] = [];
      const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
      if (!project.limits) return { counts, details: ['the project has no limits'], release: [] };
      const destination = project.destinations[0]!;
      const prs = docsPRsOf(integrations, destination);
      const expiryMs = project.limits.docsPRExpiry ? parseDuration(project.limits.docsPRExpiry)! : undefined;
      for (const pr of await listDocsPRs(db, project.id, ['open'])) {
        count('checked');
        try {
          const status = await prs.status(destination, pr.runId);
          if (status.state !== 'open') {
            await recordClosed(db, pr.runId, status.state);
            count(status.state);
            details.push(`${pr.runId}: ${status.state}`);
            continue;
          }
          const age = Date.now() - new Date(pr.openedAt ?? Date.now()).getTime();
          if (expiryMs !== undefined && !status.reviewed && age > expiryMs) {
            await prs.close(
              destination,
              pr.runId,
              `docflow closed this pull request: nobody reviewed it within ${project.limits.docsPRExpiry} (the project's limits.docsPRExpiry). The change it documents can be run again from docflow.`,
            );
            await recordClosed(db, pr.runId, 'expired');
            count('expired');
            details.push(`${pr.runId}: closed, unreviewed for ${project.limits.docsPRExpiry}`);
            continue;
          }
          const reapplied = await prs.reapply(destination, pr.runId, await publishedCommits(db, integrations, pr));
          count(reapplied.outcome);
          if (reapplied.outcome !== 'current')
            details.push(
              `${pr.runId}: ${reapplied.outcome}${reapplied.conflicts.length ? ` (no longer applies: ${reapplied.conflicts.join(', ')})` : ''}`,
            );
        } catch (error) {
          if (!isAppError(error)) throw error;
          count('failed');
          details.push(`${pr.runId}: ${error.message}`);
        }
      }
      return { counts, details, release: await runsToRelease(db, project.id, project.limits.openDocsPRs) };
    },
  };
}
