import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { SourceOutcome } from '../contract.js';
import { hmacMatches } from './signatures.js';

/**
 * What code hosts (GitHub, Bitbucket, GitLab) say and check the same way: how a change is named, the
 * outcome comment's text, which triggers a delivery concerns, and a webhook's JSON body.
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

/** A webhook's body as JSON, or invalid_request. */
export function jsonPayload(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('invalid_request', 'webhook body is not valid JSON');
  }
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

/** A `sha256=<hex>` HMAC header of the exact bytes, or unauthorized with a hint at what to fix. */
export function requireHmacHeader(
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
  problem: string,
): void {
  if (!hmacMatches({ secret, payload: rawBody, signature, prefix: 'sha256=' }))
    throw new AppError('unauthorized', problem);
}

/** The values of headers a delivery must carry, or invalid_request naming them. */
export function requiredHeaders(headers: Record<string, string | undefined>, names: string[]): string[] {
  const values = names.map((name) => headers[name]);
  if (values.some((v) => !v)) throw new AppError('invalid_request', `${names.join(' and ')} headers are required`);
  return values as string[];
}
