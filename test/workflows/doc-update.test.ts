import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProject } from '../../db/repositories/projects.js';
import { newId } from '../../core/ids.js';
import {
  reviewUpdate,
  sourceUpdatedSignal,
  stateQuery,
  workflowTypes,
  type DocUpdateInput,
} from '../../workflows/messages.js';
import { commitFiles, flagChangeFixture, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
});
afterAll(async () => harness?.close());

async function start(review: DocUpdateInput['review']) {
  const fixture = flagChangeFixture();
  const projectId = newId('prj');
  await insertProject(harness.db, projectId, {
    name: 'wf',
    triggers: [{ type: 'manual' }],
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: review.required, expireAfter: '1d' },
    drafting: {},
  });
  const runId = newId('run');
  const source = { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head };
  const handle = await harness.client.workflow.start(workflowTypes.docUpdate, {
    workflowId: runId,
    taskQueue: harness.taskQueue,
    args: [{ runId, projectId, trigger: 'manual', source, sourceLabel: 'test', review } satisfies DocUpdateInput],
  });
  return { fixture, runId, handle };
}

describe('docUpdateWorkflow', () => {
  it('publishes without waiting when the project does not require review', async () => {
    const { fixture, runId, handle } = await start({ required: false, expireAfterMs: 60_000 });
    expect(await handle.result()).toMatchObject({ status: 'published', location: `${fixture.docs}#docflow/${runId}` });
    const state = await handle.query(stateQuery);
    expect(state.timeline.map((t) => t.status)).toEqual(['gathering_context', 'drafting', 'publishing', 'published']);
    expect(sh(fixture.docs, 'branch', '--list', 'docflow/*').trim()).toBe(`docflow/${runId}`);
  });

  it('validates review decisions in the update validator, leaving no trace when refused', async () => {
    const { handle } = await start({ required: true, expireAfterMs: 60_000 });
    await eventually(
      async () => ((await handle.query(stateQuery)).status === 'awaiting_review' ? true : undefined),
      'awaiting_review',
    );
    const refused = await handle
      .executeUpdate(reviewUpdate, { args: [{ action: 'reject', reason: '  ', reviewer: 'rita' }] })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused.cause as ApplicationFailure).type).toBe('invalid_decision');
    expect(
      await handle.executeUpdate(reviewUpdate, { args: [{ action: 'reject', reason: 'no', reviewer: 'rita' }] }),
    ).toEqual({ status: 'rejected' });
    const late = await handle
      .executeUpdate(reviewUpdate, { args: [{ action: 'approve', reviewer: 'rita' }] })
      .catch((e) => e);
    expect(late).toBeInstanceOf(Error);
    expect(await handle.result()).toMatchObject({ status: 'rejected', reason: 'rejected_by_reviewer', message: 'no' });
    const history = await handle.fetchHistory();
    const accepted = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(1);
  });

  it('runs again on commits that arrive while it publishes, instead of losing them', async () => {
    const { fixture, runId, handle } = await start({ required: true, expireAfterMs: 60_000 });
    await eventually(
      async () => ((await handle.query(stateQuery)).status === 'awaiting_review' ? true : undefined),
      'awaiting_review',
    );
    const newHead = commitFiles(
      fixture.source,
      { 'src/cli.ts': fixture.cliAfter.replace("'--host <name>'", "'--bind <name>'") },
      'rename host',
    );
    await handle.executeUpdate(reviewUpdate, { args: [{ action: 'approve', reviewer: 'rita' }] });
    await handle.signal(sourceUpdatedSignal, {
      type: 'local-git',
      repo: fixture.source,
      base: fixture.base,
      head: newHead,
    });
    const next = harness.client.workflow.getHandle(runId);
    await eventually(async () => {
      const state = await next.query(stateQuery).catch(() => undefined);
      return state?.status === 'awaiting_review' && (await next.describe()).runId !== handle.firstExecutionRunId
        ? true
        : undefined;
    }, 'the continued run to await review');
    const row = await harness.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(row.source).toMatchObject({ head: newHead });
    expect(sh(fixture.docs, 'branch', '--list', 'docflow/*').trim()).toBe(`docflow/${runId}`);
    await next.executeUpdate(reviewUpdate, { args: [{ action: 'reject', reason: 'enough', reviewer: 'rita' }] });
  });

  it('records a cancelled run as failed with reason cancelled', async () => {
    const { runId, handle } = await start({ required: true, expireAfterMs: 60_000 });
    await eventually(
      async () => ((await handle.query(stateQuery)).status === 'awaiting_review' ? true : undefined),
      'awaiting_review',
    );
    await handle.cancel();
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const row = await harness.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', reason: 'cancelled' });
  });

  it('keeps bulky content out of the workflow history', async () => {
    const { handle } = await start({ required: false, expireAfterMs: 60_000 });
    await handle.result();
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.toContain('Request timeout in milliseconds'); // diff and page text live in the database
    expect(history.length).toBeLessThan(60_000);
  });
});
