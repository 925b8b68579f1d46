import { claimDelivery, completeDelivery, releaseDelivery } from '../../db/repositories/integrations.js';
import type { Db } from '../../db/database.js';

/**
 * Where a run's review card was posted, kept as a delivery docflow made to Slack (the deliveries
 * table, keyed per integration), so the card is posted once and then updated in place.
 */
const cardId = (runId: string) => `review-card:${runId}`;

export async function findCard(
  db: Db,
  integrationId: string,
  runId: string,
): Promise<{ channel: string; ts: string } | 'posting' | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select(['detail'])
    .where('integration_id', '=', integrationId)
    .where('delivery_id', '=', cardId(runId))
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.detail) return 'posting';
  const [channel, ts] = row.detail.split(' ') as [string, string];
  return { channel, ts };
}

/** Posts the card once: `post` runs only for the caller that claimed the run's card. */
export async function postCardOnce(
  db: Db,
  integrationId: string,
  runId: string,
  post: () => Promise<{ channel: string; ts: string }>,
): Promise<void> {
  if (!(await claimDelivery(db, integrationId, cardId(runId), 'review_card'))) return;
  try {
    const { channel, ts } = await post();
    await completeDelivery(db, integrationId, cardId(runId), 'posted', `${channel} ${ts}`);
  } catch (error) {
    await releaseDelivery(db, integrationId, cardId(runId));
    throw error;
  }
}
