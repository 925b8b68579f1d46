import type { Kysely } from 'kysely';

/**
 * Verified webhook deliveries kept for `docflow replay`: the request (headers and body) and what it led to, each
 * sealed by the secret box, on the row that already deduplicates the delivery; emptied once past the retention.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('webhook_deliveries')
    .addColumn('sealed_request', 'text')
    .addColumn('sealed_outcome', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_received')
    .on('webhook_deliveries')
    .columns(['received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_received').execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('sealed_request').dropColumn('sealed_outcome').execute();
}
