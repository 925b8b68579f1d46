import type { Kysely } from 'kysely';

/** Who started a run (an API key id; null for webhooks), so a project can refuse self-approval. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('requested_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('requested_by').execute();
}
