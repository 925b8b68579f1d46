import type { Kysely } from 'kysely';

/** Who a run's drafts suggest as reviewers (project reviewers, the change's author, code owners). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('suggested_reviewers', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('suggested_reviewers').execute();
}
