import { sql, type Kysely } from 'kysely';

/**
 * The docs PRs docflow opened for projects with `limits`: a slot reserved by a run on its way to opening one,
 * then the open PR (with the runs that joined it), until the docs host says it closed or docflow closed it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('docs_prs')
    // The run whose branch (`docflow/<run id>`) the PR is.
    .addColumn('run_id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    // reserved | open | closed | merged | expired
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('suggestion_id', 'text')
    .addColumn('location', 'text')
    // Runs whose edits were added as further commits: [{ runId, suggestionId, sourceLabel }].
    .addColumn('joined', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('opened_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('docs_prs_project_state').on('docs_prs').columns(['project_id', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('docs_prs').execute();
}
