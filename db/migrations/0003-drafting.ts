import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('suggestions').addColumn('confidence', 'real').execute();
  await db.schema.alterTable('suggestions').addColumn('usage', 'jsonb').execute();
  await db.schema
    .createTable('project_feedback')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('feedback', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('project_feedback_project')
    .on('project_feedback')
    .columns(['project_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_feedback').execute();
  await db.schema.alterTable('suggestions').dropColumn('usage').execute();
  await db.schema.alterTable('suggestions').dropColumn('confidence').execute();
}
