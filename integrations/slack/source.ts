import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { ProviderDeps, SourceAdapter } from '../contract.js';
import type { SlackClients } from './clients.js';
import { slackSourceSchema, type SlackSource } from './schemas.js';
import { withLinkedChanges } from '../kit/linked-changes.js';
import { threadContext } from './thread-context.js';
import { replyInThread } from './thread-reply.js';
import { userNames } from './user-names.js';
import { slackFailure } from './web-client.js';

const listensTo = (project: Project, source: SlackSource) =>
  project.triggers.some((t) => t.type === 'slack' && t.integrationId === source.integrationId);

/**
 * A Slack thread as a run's source: its (redacted) messages are the context, with the changes its
 * links point at (a pull request) followed through the project's integrations; its replies the feedback.
 */
export function createSlackSource(
  clients: SlackClients,
  deps: Pick<ProviderDeps, 'followLink'>,
): SourceAdapter<SlackSource> {
  const describe = (source: SlackSource) => `Slack thread ${source.channel}/${source.threadTs}`;
  return {
    sourceSchema: slackSourceSchema,
    describeSource: describe,

    async validateSource(source, project) {
      if (!listensTo(project, source))
        throw new AppError(
          'invalid_source',
          `project ${project.id} has no Slack trigger for integration ${source.integrationId}`,
          [{ path: 'source.integrationId', message: "not one of the project's Slack triggers" }],
        );
      return source;
    },

    async gatherContext(source, project) {
      const client = await clients.forIntegration(source.integrationId, { rejectRateLimitedCalls: true });
      let thread;
      try {
        thread = await threadContext(client, source, describe(source), userNames(client));
      } catch (error) {
        throw slackFailure(error);
      }
      return { change: await withLinkedChanges(thread.change, thread.links, project, deps.followLink) };
    },

    async reportOutcome(source, _project, outcome) {
      const client = await clients.forIntegration(source.integrationId);
      const text =
        outcome.status === 'published'
          ? `Docs update proposed: ${outcome.url ?? outcome.location}`
          : `No docs change: ${outcome.reason ?? 'no documentation page is affected'}`;
      await replyInThread(client, source.channel, source.threadTs, text);
    },
  };
}
