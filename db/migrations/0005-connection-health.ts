import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('integrations').addColumn('status_detail', 'text').execute();
  await db.schema.alterTable('integrations').addColumn('checked_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('integrations').dropColumn('checked_at').execute();
  await db.schema.alterTable('integrations').dropColumn('status_detail').execute();
}
