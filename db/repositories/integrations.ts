import type { Db } from '../database.js';
import type { IntegrationRow } from '../schema.js';

/** Records a health check; true when the status changed (so the change is reported once, not every check). */
export async function recordHealth(
  db: Db,
  id: string,
  status: 'connected' | 'broken',
  detail: string | null,
): Promise<boolean> {
  const before = await db.selectFrom('integrations').select('status').where('id', '=', id).executeTakeFirst();
  if (!before) return false;
  await db
    .updateTable('integrations')
    .set({ status, status_detail: detail, checked_at: new Date() })
    .where('id', '=', id)
    .execute();
  return before.status !== status;
}

export interface NewIntegration {
  id: string;
  provider: string;
  baseUrl: string;
  settings: Record<string, unknown>;
  sealedSecrets: string;
  createdBy: string;
  status?: string;
}

export async function insertIntegration(db: Db, integration: NewIntegration): Promise<IntegrationRow> {
  return db
    .insertInto('integrations')
    .values({
      id: integration.id,
      provider: integration.provider,
      base_url: integration.baseUrl,
      status: integration.status ?? 'connected',
      settings: JSON.stringify(integration.settings),
      sealed_secrets: integration.sealedSecrets,
      created_by: integration.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findIntegration(db: Db, id: string): Promise<IntegrationRow | undefined> {
  return db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listIntegrations(db: Db): Promise<IntegrationRow[]> {
  return db.selectFrom('integrations').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function deleteIntegration(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('integrations').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Claims a delivery id; false when it was already processed (a redelivery) or is being processed now. `kept` (the
 * sealed request, for replay) goes in with the claim, so keeping a delivery costs no statement of its own.
 */
export async function claimDelivery(
  db: Db,
  integrationId: string,
  deliveryId: string,
  event: string,
  kept?: { receivedAt: Date; sealedRequest: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values({
      integration_id: integrationId,
      delivery_id: deliveryId,
      event,
      outcome: 'received',
      ...(kept ? { received_at: kept.receivedAt, sealed_request: kept.sealedRequest } : {}),
    })
    .onConflict((oc) => oc.columns(['integration_id', 'delivery_id']).doNothing())
    .returning('delivery_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** `sealedOutcome`: what a kept delivery led to, sealed. */
export async function completeDelivery(
  db: Db,
  integrationId: string,
  deliveryId: string,
  outcome: string,
  detail?: string,
  sealedOutcome?: string,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ outcome, detail: detail ?? null, ...(sealedOutcome ? { sealed_outcome: sealedOutcome } : {}) })
    .where('integration_id', '=', integrationId)
    .where('delivery_id', '=', deliveryId)
    .execute();
}

/** Forgets a delivery whose processing failed, so the provider's redelivery is processed instead of deduplicated. */
export async function releaseDelivery(db: Db, integrationId: string, deliveryId: string): Promise<void> {
  await db
    .deleteFrom('webhook_deliveries')
    .where('integration_id', '=', integrationId)
    .where('delivery_id', '=', deliveryId)
    .execute();
}
