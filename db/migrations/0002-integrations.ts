import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A change's run can be started again (new commits after it published); revisions restart per execution.
  await db.schema.alterTable('suggestions').dropConstraint('suggestions_run_revision').execute();

  await db.schema
    .createTable('integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** Non-secret settings (auth type, app id). */
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    /** All secrets of the connection, sealed by the secret box; never returned by the API. */
    .addColumn('sealed_secrets', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['integration_id', 'delivery_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('suggestions')
    .addUniqueConstraint('suggestions_run_revision', ['run_id', 'revision'])
    .execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('integrations').execute();
}
