import { sql, type Kysely } from 'kysely';

/** One row: who this database belongs to (mirrored in Temporal) and a value sealed with the secret key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('installation')
    // At most one row, even when the API and a worker first start at the same moment.
    .addColumn('singleton', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`singleton`),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('key_canary', 'text', (c) => c.notNull())
    // Set once Temporal holds the marker too: a first start cut short in between is finished, not refused.
    .addColumn('bound_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('installation').execute();
}
