import type { FakeState, Reply } from './http-kit.js';

/**
 * GitHub's GraphQL endpoint is not in the REST OpenAPI description, so the fake answers only the
 * operations docflow sends and records anything else as a violation. `markPullRequestReadyForReview`
 * is the one GitHub offers no REST equivalent for.
 */
export function handleGraphql(state: FakeState, body: unknown, violation: (problems: string[]) => Reply): Reply {
  const request = body as { query?: unknown; variables?: Record<string, unknown> } | undefined;
  if (!request || typeof request.query !== 'string') return violation(['GraphQL body must be {query, variables?}']);
  if (
    !/mutation[\s\S]*markPullRequestReadyForReview\s*\(\s*input\s*:\s*\{\s*pullRequestId\s*:\s*\$\w+\s*\}/.test(
      request.query,
    )
  ) {
    return violation([`GraphQL operation not implemented by the fake: ${request.query.slice(0, 80)}`]);
  }
  const id = Object.values(request.variables ?? {}).find((v) => typeof v === 'string') as string | undefined;
  const [kind, number] = Buffer.from(id ?? '', 'base64')
    .toString()
    .split(':');
  for (const repo of (
    state.world as unknown as { repos: Map<string, { pulls: Map<number, { id: number; draft: boolean }> }> }
  ).repos.values()) {
    for (const pull of repo.pulls.values()) {
      if (kind === 'PullRequest' && String(pull.id) === number) {
        pull.draft = false;
        return {
          status: 200,
          body: { data: { markPullRequestReadyForReview: { pullRequest: { id, isDraft: false } } } },
        };
      }
    }
  }
  return {
    status: 200,
    body: {
      data: null,
      errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${id}'` }],
    },
  };
}
