import type { Db } from '../database.js';

export interface KeptDeliveryRow {
  integrationId: string;
  deliveryId: string;
  event: string;
  receivedAt: Date;
  sealedRequest: string;
  sealedOutcome: string | null;
}

/** The kept deliveries of these integrations received since `since`, oldest first. */
export async function keptDeliveriesSince(db: Db, integrationIds: string[], since: Date): Promise<KeptDeliveryRow[]> {
  if (!integrationIds.length) return [];
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['integration_id', 'delivery_id', 'event', 'received_at', 'sealed_request', 'sealed_outcome'])
    .where('integration_id', 'in', integrationIds)
    .where('received_at', '>=', since)
    .where('sealed_request', 'is not', null)
    .orderBy('received_at')
    .orderBy('delivery_id')
    .execute();
  return rows.map((r) => ({
    integrationId: r.integration_id,
    deliveryId: r.delivery_id,
    event: r.event,
    receivedAt: new Date(r.received_at),
    sealedRequest: r.sealed_request!,
    sealedOutcome: r.sealed_outcome,
  }));
}

/**
 * Empties what was kept of deliveries received before `before`; the rows stay, as they deduplicate redeliveries.
 * Answers how many were purged.
 */
export async function purgeKeptDeliveries(db: Db, before: Date): Promise<number> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ sealed_request: null, sealed_outcome: null })
    .where('received_at', '<', before)
    .where((eb) => eb.or([eb('sealed_request', 'is not', null), eb('sealed_outcome', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
