import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { fillRuns, runQueryPlans, type QueryPlan } from '../../bench/system/run-query-plans.js';

let db: Db;
let plans: QueryPlan[];

beforeAll(async () => {
  db = await openDatabase({});
  await fillRuns(db, 10_000);
  plans = await runQueryPlans(db);
}, 120_000);
afterAll(async () => {
  await db?.destroy();
});

describe('the run page and the awaiting-review list with 10,000 runs', () => {
  it('reads every table through an index, never a scan of all runs or events', () => {
    expect(plans.map((p) => p.query)).toEqual(
      expect.arrayContaining(['GET /v1/runs/:id: the run', 'GET /v1/runs?status=awaiting_review']),
    );
    for (const plan of plans) expect(plan.scanned, `${plan.query}\n${plan.plan}`).toEqual([]);
  });

  it('takes the newest awaiting runs from the index in order, without sorting them all', () => {
    const list = plans.find((p) => p.query === 'GET /v1/runs?status=awaiting_review')!;
    expect(list.plan).toContain('runs_status_newest');
    expect(list.plan).not.toMatch(/\bSort\b/);
  });
});
