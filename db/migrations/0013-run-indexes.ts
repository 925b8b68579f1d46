import type { Kysely } from 'kysely';

/**
 * The run lists newest first (`GET /v1/runs?status=awaiting_review`, a project's runs) read from an index
 * in order and stop at the limit, instead of sorting every matching run: thousands may await review.
 * A run's page finds its drafts (token usage) by run rather than by reading every suggestion.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('runs_status_newest')
    .on('runs')
    .columns(['status', 'created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('runs_project_newest')
    .on('runs')
    .columns(['project_id', 'created_at desc', 'id desc'])
    .execute();
  await db.schema.createIndex('suggestions_run').on('suggestions').columns(['run_id', 'revision']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('suggestions_run').execute();
  await db.schema.dropIndex('runs_project_newest').execute();
  await db.schema.dropIndex('runs_status_newest').execute();
}
