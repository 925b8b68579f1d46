import { claimDelivery, completeDelivery, releaseDelivery } from '../../db/repositories/integrations.js';
import type { Db } from '../../db/database.js';
import type { TypedConfig } from '../../core/typed-config.js';
import type { SlackClients } from './clients.js';
import { slackSourceSchema } from './schemas.js';
import { replyInThread } from './thread-reply.js';

/**
 * Once per run, a link to its review card in the Slack thread the run came from, so the people who
 * asked can follow it. Kept as a delivery of the thread's integration, like the card itself.
 */
export async function linkCardInThread(
  db: Db,
  clients: SlackClients,
  source: TypedConfig | undefined,
  card: { integrationId: string; channel: string; ts: string },
  runId: string,
): Promise<void> {
  const thread = slackSourceSchema.safeParse(source);
  if (!thread.success) return;
  const { integrationId, channel, threadTs } = thread.data;
  const key = `review-card-link:${runId}`;
  if (!(await claimDelivery(db, integrationId, key, 'review_card_link'))) return;
  try {
    const cardClient = await clients.forIntegration(card.integrationId, { rejectRateLimitedCalls: true });
    const { permalink } = await cardClient.chat.getPermalink({ channel: card.channel, message_ts: card.ts });
    const client = await clients.forIntegration(integrationId, { rejectRateLimitedCalls: true });
    await replyInThread(client, channel, threadTs, `A suggestion awaits review: <${permalink}|the review card>`);
    await completeDelivery(db, integrationId, key, 'posted', `${card.channel} ${card.ts}`);
  } catch (error) {
    await releaseDelivery(db, integrationId, key);
    throw error;
  }
}
