import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRun } from '../../db/repositories/runs.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, type Harness } from '../support/harness.js';

let harness: Harness;
let api: TestApi;
beforeAll(async () => {
  harness = await createHarness();
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

describe('a review of a run whose workflow no longer exists', () => {
  it('ends the run failed / workflow_lost instead of leaving it awaiting review for ever', async () => {
    const fixture = flagChangeFixture();
    const project = await api.call('POST', '/v1/projects', {
      name: 'lost',
      context: [{ type: 'local-git', repo: fixture.source }],
      destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    });
    // As after Temporal's state was lost: the row says awaiting_review, Temporal knows no such workflow.
    const run = await insertRun(harness.db, {
      id: 'run_lostworkflow0000000001',
      projectId: project.body.id,
      trigger: 'manual',
      source: {},
    });
    await harness.db.updateTable('runs').set({ status: 'awaiting_review' }).where('id', '=', run.id).execute();

    const approve = await api.call('POST', `/v1/runs/${run.id}/approve`);
    expect(approve.status).toBe(409);
    expect(approve.body.error.message).toContain('workflow_lost');
    const shown = await api.call('GET', `/v1/runs/${run.id}`);
    expect(shown.body).toMatchObject({ status: 'failed', reason: 'workflow_lost' });
    expect((await api.call('POST', `/v1/runs/${run.id}/approve`)).status).toBe(409);
  });
});
