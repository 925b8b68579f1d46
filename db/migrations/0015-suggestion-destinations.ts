import type { Kysely } from 'kysely';

/** The destinations a suggestion was drafted for (type and page versions of each), when its project has several. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('suggestions').addColumn('destinations', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('suggestions').dropColumn('destinations').execute();
}
