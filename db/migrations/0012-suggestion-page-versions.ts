import type { Kysely } from 'kysely';

/** The version of each page a suggestion edits, as the destination said when it was drafted (help-center articles). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('suggestions').addColumn('page_versions', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('suggestions').dropColumn('page_versions').execute();
}
