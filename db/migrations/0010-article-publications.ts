import { sql, type Kysely } from 'kysely';

/**
 * What a run published to a help center (articles are not files in git, so no branch or commit
 * trailer can tell a retry what it already did): the suggestion, the article bodies the edits were
 * made against, and where each was saved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_publications')
    .addColumn('run_id', 'text', (c) => c.primaryKey())
    .addColumn('suggestion_id', 'text', (c) => c.notNull())
    .addColumn('pages', 'jsonb', (c) => c.notNull())
    // Null until every page of the suggestion is saved.
    .addColumn('result', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_publications').execute();
}
