import { Client, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { insertProject } from '../../db/repositories/projects.js';
import { reviewUpdate, stateQuery, workflowTypes, type DocUpdateInput } from '../../workflows/messages.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let harness: Harness;
/** Someone who reaches Temporal but holds no docflow key: the CLI, or a client without the codec. */
let outsider: Client;
beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  outsider = new Client({ connection: harness.client.connection, namespace: 'default' });
});
afterAll(async () => harness?.close());

async function awaitingReview() {
  const fixture = flagChangeFixture();
  const projectId = newId('prj');
  await insertProject(harness.db, projectId, {
    name: 'untrusted',
    triggers: [{ type: 'manual' }],
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: true, expireAfter: '1d' },
    drafting: {},
  });
  const runId = newId('run');
  const source = { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head };
  const input: DocUpdateInput = {
    runId,
    projectId,
    trigger: 'manual',
    source,
    sourceLabel: 'test',
    review: { required: true, expireAfterMs: 86_400_000 },
  };
  const handle = await harness.client.workflow.start(workflowTypes.docUpdate, {
    workflowId: runId,
    taskQueue: harness.taskQueue,
    args: [input],
  });
  await eventually(
    async () => ((await handle.query(stateQuery)).status === 'awaiting_review' ? true : undefined),
    'awaiting_review',
  );
  return { runId, handle, input };
}

describe('payloads docflow did not encrypt', () => {
  it('cannot approve a run, and leave it healthy for the real reviewer', async () => {
    const { runId, handle } = await awaitingReview();
    const forged: any = await outsider.workflow
      .getHandle(runId)
      .executeUpdate('review', { args: [{ action: 'approve', reviewer: 'mallory' }] })
      .catch((e) => e);
    expect(forged).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((forged.cause as ApplicationFailure).type).toBe('invalid_decision');

    // Hostile signals are ignored: the run neither closes, aborts nor wedges.
    const raw = outsider.workflow.getHandle(runId);
    await raw.signal('sourceClosed', { merged: false });
    await raw.signal('abort', { reason: 'pwned', message: 'x' });
    await raw.signal('sourceUpdated', { type: 'local-git', repo: '/etc', base: 'a', head: 'b' });
    expect((await handle.query(stateQuery)).status).toBe('awaiting_review');

    expect(
      await handle.executeUpdate(reviewUpdate, {
        args: [{ action: 'reject', reason: 'not needed', reviewer: 'rita' }],
      }),
    ).toEqual({ status: 'rejected' });
    expect(await handle.result()).toMatchObject({ status: 'rejected', reason: 'rejected_by_reviewer' });
  });

  it('refuses a decision that names no reviewer, even when encrypted', async () => {
    const { handle } = await awaitingReview();
    const anonymous = await handle
      .executeUpdate(reviewUpdate, { args: [{ action: 'approve' } as never] })
      .catch((e) => e);
    expect((anonymous.cause as ApplicationFailure).type).toBe('invalid_decision');
    await handle.executeUpdate(reviewUpdate, { args: [{ action: 'reject', reason: 'done', reviewer: 'rita' }] });
  });

  it('cannot start a run', async () => {
    const { input } = await awaitingReview();
    const runId = newId('run');
    const started = await outsider.workflow.start(workflowTypes.docUpdate, {
      workflowId: runId,
      taskQueue: harness.taskQueue,
      args: [{ ...input, runId }],
    });
    const failure = await started.result().catch((e) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure.cause as ApplicationFailure).type).toBe('untrusted_input');
    expect(await harness.db.selectFrom('runs').select('id').where('id', '=', runId).execute()).toEqual([]);
  });
});
