import { sql, type Kysely } from 'kysely';

/** Backfills: the changes of a past window a project's triggers would have acted on, each with what would happen. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('backfills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    .addColumn('max_runs', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('triggers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('detail', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('backfills_project').on('backfills').columns(['project_id', 'created_at']).execute();
  await db.schema
    .createTable('backfill_items')
    .addColumn('backfill_id', 'text', (c) => c.notNull().references('backfills.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('trigger_index', 'integer', (c) => c.notNull())
    .addColumn('workflow_key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('source', 'jsonb', (c) => c.notNull())
    .addColumn('merged', 'boolean', (c) => c.notNull())
    .addColumn('outcome', 'jsonb')
    .addColumn('run', 'jsonb')
    .addPrimaryKeyConstraint('backfill_items_pk', ['backfill_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('backfill_items').execute();
  await db.schema.dropTable('backfills').execute();
}
