import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { SourceOutcome } from '../contract.js';

/**
 * What code hosts (GitHub, Bitbucket, GitLab) say and check the same way: how a change is named, the
 * outcome comment's text, which triggers a delivery concerns.
 */

/** `owner/repo#12` for a pull request, else the commit range. */
export const describeChange = (repo: string, number: number | undefined, base: string, head: string) =>
  number ? `${repo}#${number}` : `${repo} ${base.slice(0, 12)}..${head.slice(0, 12)}`;

/** The text of the comment on the source pull request. */
export const outcomeText = (outcome: SourceOutcome) =>
  outcome.status === 'published'
    ? `docs update proposed: ${outcome.url ?? outcome.location}`
    : `no docs needed: ${outcome.reason ?? 'no documentation page is affected by this change'}`;

/** A source the project reads through none of its entries for this integration. */
export const notCoveredError = (project: Project, repo: string, title: string, integrationId: string) =>
  new AppError(
    'invalid_source',
    `project ${project.id} does not read ${repo} through ${title} integration ${integrationId}`,
    [{ path: 'source.repo', message: `not covered by the project's ${title} trigger or context` }],
  );

/** Every (project, trigger) of this provider and integration. */
export function triggersOf<T>(projects: Project[], type: string, integrationId: string) {
  return projects.flatMap((project) =>
    project.triggers
      .filter((t) => t.type === type && t.integrationId === integrationId)
      .map((t) => ({ projectId: project.id, trigger: t as unknown as T })),
  );
}

/** Whether one of the project's context entries of this provider lets it read `repo`. */
export const readsThroughContext = (project: Project, type: string, integrationId: string, repo: string) =>
  project.context.some((c) => {
    const context = c as { type: string; integrationId?: string; repos?: string[] };
    return (
      context.type === type &&
      context.integrationId === integrationId &&
      (!context.repos || context.repos.includes(repo))
    );
  });
