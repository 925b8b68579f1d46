import { describe, expect, it } from 'vitest';
import { deliveryKey, planBitbucketEvent } from '../../../integrations/bitbucket/plan-event.js';
import { projectReading } from '../contracts/project-reading.js';

const integrationId = 'int_bb';
const repo = 'acme/app';
const project = (on: string) =>
  projectReading(
    [],
    [{ type: 'bitbucket', integrationId, repos: [repo], ignorePaths: [], on, feedback: true } as never],
  );

const prPayload = (over: { draft?: boolean; branch?: string; repo?: string; updated?: string } = {}) => ({
  repository: { full_name: over.repo ?? repo },
  pullrequest: {
    id: 7,
    title: 'Add --timeout',
    draft: over.draft ?? false,
    updated_on: over.updated ?? '2026-01-01T10:00:00.000000+00:00',
    source: { branch: { name: over.branch ?? 'feature' }, commit: { hash: 'aaaaaaaaaaaa' } },
    destination: { branch: { name: 'main' }, commit: { hash: 'bbbbbbbbbbbb' } },
  },
});
const pushPayload = (branch: string) => ({
  repository: { full_name: repo },
  push: {
    changes: [
      {
        old: { type: 'branch', name: branch, target: { hash: '1'.repeat(40) } },
        new: { type: 'branch', name: branch, target: { hash: '2'.repeat(40) } },
      },
    ],
  },
});
const plan = (on: string, eventKey: string, payload: unknown) =>
  planBitbucketEvent(integrationId, eventKey, payload, [project(on)], async () => 'main');
const kinds = async (on: string, eventKey: string, payload: unknown = prPayload()) =>
  (await plan(on, eventKey, payload)).map((c) => (c.kind === 'skip' ? `skip:${c.reason}` : c.kind));

describe('Bitbucket trigger planning (the same semantics as GitHub)', () => {
  it('"opened": created and updated start or update the one run of the pull request', async () => {
    const [command] = await plan('opened', 'pullrequest:created', prPayload());
    expect(command).toMatchObject({
      kind: 'start_or_update',
      workflowKey: `${repo}#7`,
      trigger: 'bitbucket:pullrequest:created',
      source: { type: 'bitbucket', integrationId, repo, pullRequestId: 7, base: 'bbbbbbbbbbbb', head: 'aaaaaaaaaaaa' },
    });
    expect(await kinds('opened', 'pullrequest:updated')).toEqual(['start_or_update']);
    expect(await kinds('opened', 'pullrequest:approved')).toEqual([]);
  });

  it('skips drafts and docflow branches with their reasons', async () => {
    expect(await kinds('opened', 'pullrequest:created', prPayload({ draft: true }))).toEqual([
      'skip:draft_pull_request',
    ]);
    expect(await kinds('opened', 'pullrequest:created', prPayload({ branch: 'docflow/run_x' }))).toEqual([
      'skip:opened_by_docflow',
    ]);
    expect(await kinds('merged', 'pullrequest:fulfilled', prPayload({ branch: 'docflow/run_x' }))).toEqual([
      'skip:opened_by_docflow',
    ]);
  });

  it('"first_approval": an approval starts, new commits only update a running run', async () => {
    expect(await kinds('first_approval', 'pullrequest:created')).toEqual([]);
    expect(await kinds('first_approval', 'pullrequest:approved')).toEqual(['start_or_update']);
    expect(await kinds('first_approval', 'pullrequest:updated')).toEqual(['update_if_running']);
  });

  it('"merged" starts on fulfilled with the merge noted; otherwise closing ends the run', async () => {
    expect(await plan('merged', 'pullrequest:fulfilled', prPayload())).toEqual([
      expect.objectContaining({ kind: 'start_or_update', sourceMerged: true }),
    ]);
    expect(await plan('opened', 'pullrequest:fulfilled', prPayload())).toEqual([
      expect.objectContaining({ kind: 'source_closed', merged: true }),
    ]);
    expect(await plan('opened', 'pullrequest:rejected', prPayload())).toEqual([
      expect.objectContaining({ kind: 'source_closed', merged: false }),
    ]);
  });

  it('"every_push" reads pushes to the main branch only', async () => {
    expect(await plan('every_push', 'repo:push', pushPayload('main'))).toEqual([
      expect.objectContaining({
        kind: 'start_or_update',
        workflowKey: `${repo}@${'2'.repeat(40)}`,
        source: expect.objectContaining({ base: '1'.repeat(40), head: '2'.repeat(40) }),
      }),
    ]);
    expect(await plan('every_push', 'repo:push', pushPayload('feature'))).toEqual([]);
    expect(await plan('opened', 'repo:push', pushPayload('main'))).toEqual([]);
  });

  it('ignores repositories no trigger names', async () => {
    expect(await kinds('opened', 'pullrequest:created', prPayload({ repo: 'acme/other' }))).toEqual([]);
  });
});

describe('Bitbucket delivery keys', () => {
  it('a retry of the same pull request update is the same delivery even under a new X-Request-UUID', () => {
    const payload = prPayload();
    expect(deliveryKey('pullrequest:updated', 'uuid-1', payload)).toBe(
      deliveryKey('pullrequest:updated', 'uuid-2', payload),
    );
    expect(deliveryKey('pullrequest:updated', 'uuid-1', payload)).not.toBe(
      deliveryKey('pullrequest:updated', 'uuid-1', prPayload({ updated: '2026-01-01T10:05:00.000000+00:00' })),
    );
    expect(deliveryKey('pullrequest:updated', 'uuid-1', payload)).not.toBe(
      deliveryKey('pullrequest:approved', 'uuid-1', payload),
    );
  });

  it('a push is deduplicated on its X-Request-UUID', () => {
    expect(deliveryKey('repo:push', 'uuid-9', pushPayload('main'))).toBe('uuid-9');
  });
});
