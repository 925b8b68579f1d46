import type { ProviderDeps, ReviewChannel } from '../contract.js';
import { reviewCard } from './card-blocks.js';
import { linkCardInThread } from './card-link.js';
import { findCard, postCardOnce } from './card-store.js';
import type { SlackClients } from './clients.js';
import type { SlackReviewChannel } from './schemas.js';
import { slackFailure } from './web-client.js';

/**
 * The run's card: posted when it first awaits review (and linked from the Slack thread the run came
 * from), then updated in place (decision, re-draft, outcome).
 */
export function createSlackReviewChannel(deps: ProviderDeps, clients: SlackClients): ReviewChannel<SlackReviewChannel> {
  return {
    async show(config, run) {
      const client = await clients.forIntegration(config.integrationId, { rejectRateLimitedCalls: true });
      const card = reviewCard(run);
      try {
        const posted = await findCard(deps.db, config.integrationId, run.runId);
        if (posted && posted !== 'posting')
          await client.chat.update({ channel: posted.channel, ts: posted.ts, ...card } as never);
        else if (!posted && run.status === 'awaiting_review')
          await postCardOnce(deps.db, config.integrationId, run.runId, async () => {
            const answer = await client.chat.postMessage({ channel: config.channel, ...card } as never);
            return { channel: answer.channel ?? config.channel, ts: answer.ts! };
          });
        // Claimed once per run, so a retry after a failed link tries again and a later update adds nothing.
        const placed = await findCard(deps.db, config.integrationId, run.runId);
        if (placed && placed !== 'posting')
          await linkCardInThread(
            deps.db,
            clients,
            run.source,
            { integrationId: config.integrationId, ...placed },
            run.runId,
          );
      } catch (error) {
        throw slackFailure(error);
      }
    },
  };
}
