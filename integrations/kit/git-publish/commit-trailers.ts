import type { PublishRequest } from '../../contract.js';

/**
 * Commits docflow publishes carry trailers naming the run and the suggestion. They are how a retried
 * or replayed publish recognises its own earlier work, in any git-backed destination.
 */
export function commitMessage(request: PublishRequest): string {
  return `${request.title}\n\n${request.body}\n\nDocflow-Run: ${request.runId}\nDocflow-Suggestion: ${request.suggestionId}\n`;
}

const trailer = (message: string, name: string) => new RegExp(`^${name}: (\\S+)$`, 'm').exec(message)?.[1];

/** `this`: the commit publishes this suggestion; `run`: an earlier draft of the same run; `foreign`: someone else's. */
export function commitOwner(
  message: string,
  request: Pick<PublishRequest, 'runId' | 'suggestionId'>,
): 'this' | 'run' | 'foreign' {
  if (trailer(message, 'Docflow-Suggestion') === request.suggestionId) return 'this';
  return trailer(message, 'Docflow-Run') === request.runId ? 'run' : 'foreign';
}
