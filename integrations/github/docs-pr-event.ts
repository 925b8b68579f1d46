import { z } from 'zod';
import type { Project } from '../../core/project.js';
import type { TriggerCommand } from '../contract.js';
import type { GitHubDestination } from './schemas.js';

const closedEvent = z.looseObject({
  action: z.literal('closed'),
  pull_request: z.looseObject({ merged: z.boolean().nullish(), head: z.looseObject({ ref: z.string() }) }),
  repository: z.looseObject({ full_name: z.string() }),
});

/** A `pull_request` closed on a `docflow/<run id>` head in a repository that is a project's GitHub destination. */
export function planDocsPRClosed(integrationId: string, payload: unknown, projects: Project[]): TriggerCommand[] {
  const event = closedEvent.safeParse(payload);
  if (!event.success) return [];
  const runId = /^docflow\/(\S+)$/.exec(event.data.pull_request.head.ref)?.[1];
  if (!runId) return [];
  const repo = event.data.repository.full_name.toLowerCase();
  return projects
    .filter((p) =>
      p.destinations.some((d) => {
        const gh = d as GitHubDestination;
        return gh.type === 'github' && gh.integrationId === integrationId && gh.repo.toLowerCase() === repo;
      }),
    )
    .map((p) => ({
      kind: 'docs_pr_closed' as const,
      projectId: p.id,
      runId,
      merged: Boolean(event.data.pull_request.merged),
    }));
}
