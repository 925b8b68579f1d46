import { sql, type Kysely } from 'kysely';

/** Recurring work a project's trigger asks for (a support sweep): each run with its counts, and where the next one starts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_task_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('detail', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('project_task_runs_project')
    .on('project_task_runs')
    .columns(['project_id', 'started_at'])
    .execute();
  await db.schema
    .createTable('project_task_cursors')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('project_task_cursors_pk', ['project_id', 'provider', 'task'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_task_cursors').execute();
  await db.schema.dropTable('project_task_runs').execute();
}
