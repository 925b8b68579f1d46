/**
 * The plans PostgreSQL (or PGlite) chooses for what the run page and the awaiting-review list read,
 * on a database filled with `count` runs: each names the indexes it uses, or says it scans the table.
 */
import { CompiledQuery, createQueryId, sql, type RootOperationNode } from 'kysely';
import type { Db } from '../../db/database.js';
import { findRun, listRuns, runTimeline } from '../../db/repositories/runs.js';
import { findSuggestion, runUsage } from '../../db/repositories/suggestions.js';

export interface QueryPlan {
  query: string;
  plan: string;
  /** The tables read whole (`Seq Scan on runs`): none when every read goes through an index. */
  scanned: string[];
}

/** `count` runs awaiting review (and their 3 events and a draft each) in one project, as statements of the database itself. */
export async function fillRuns(db: Db, count: number): Promise<void> {
  await sql`insert into projects (id, name, config) values ('prj_plans', 'plans', '{}') on conflict do nothing`.execute(
    db,
  );
  await sql`insert into runs (id, project_id, status, trigger, source, created_at, updated_at)
    select 'run_plan_' || i, 'prj_plans', case when i % 10 = 0 then 'published' else 'awaiting_review' end, 'manual',
      '{"type":"local-git"}', now() - (i || ' seconds')::interval, now()
    from generate_series(1, ${count}) as i`.execute(db);
  await sql`insert into run_events (run_id, status, at)
    select 'run_plan_' || i, s, now() from generate_series(1, ${count}) as i,
      unnest(array['gathering_context', 'drafting', 'awaiting_review']) as s`.execute(db);
  await sql`insert into suggestions (id, run_id, revision, drafter, summary, edits, impacted, feedback, usage)
    select 'sug_plan_' || i, 'run_plan_' || i, 1, 'offline', 'plan', '[]', '[]', '[]',
      '{"inputTokens":1,"outputTokens":1,"calls":1}'
    from generate_series(1, ${count}) as i`.execute(db);
  await sql`update runs set suggestion_id = 'sug_plan_' || substr(id, 10)`.execute(db);
  await sql`analyze`.execute(db);
}

/** Runs each query the way the API does, under EXPLAIN, through a query builder that records what it compiled. */
export async function runQueryPlans(db: Db): Promise<QueryPlan[]> {
  const id = 'run_plan_4321';
  const queries: [string, (db: Db) => Promise<unknown>][] = [
    ['GET /v1/runs/:id: the run', (d) => findRun(d, id)],
    ['GET /v1/runs/:id: its suggestion', (d) => findSuggestion(d, 'sug_plan_4321')],
    ['GET /v1/runs/:id: its timeline', (d) => runTimeline(d, id)],
    ['GET /v1/runs/:id: its usage', (d) => runUsage(d, id)],
    ['GET /v1/runs?status=awaiting_review', (d) => listRuns(d, { status: 'awaiting_review', limit: 100 })],
    ['GET /v1/runs?projectId=…', (d) => listRuns(d, { projectId: 'prj_plans', limit: 100 })],
  ];
  const plans: QueryPlan[] = [];
  for (const [query, run] of queries) {
    for (const compiled of await compiledBy(db, run)) {
      const rows = await db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
      );
      const plan = rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      plans.push({ query, plan, scanned: [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!) });
    }
  }
  return plans;
}

/** The statements `run` sends, compiled as the database received them. */
async function compiledBy(db: Db, run: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const nodes: RootOperationNode[] = [];
  await run(
    db.withPlugin({
      transformQuery: (args) => (nodes.push(args.node), args.node),
      transformResult: async (args) => args.result,
    }),
  );
  return nodes.map((node) => db.getExecutor().compileQuery(node, createQueryId()));
}
