import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planGitLabEvent } from '../../../integrations/gitlab/plan-event.js';
import { projectReading } from '../contracts/project-reading.js';

// GitLab's documented examples, as they are: project gitlabhq/gitlab-test, merge request !1 from ms-viewport.
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../support/gitlab-webhook-examples/${name}.json`, import.meta.url), 'utf8'));
const integrationId = 'int_gl';
const repo = 'gitlabhq/gitlab-test';
const project = (on: string, repos = [repo]) =>
  projectReading([], [{ type: 'gitlab', integrationId, repos, ignorePaths: [], on, feedback: true } as never]);

/** The documented merge request hook with this action; `changes` (a draft marked ready) only where asked. */
function mrPayload(
  action: string,
  over: { draft?: boolean; branch?: string; oldrev?: string; readied?: boolean } = {},
) {
  const payload = example('merge-request-hook');
  Object.assign(payload.object_attributes, {
    action,
    draft: over.draft ?? false,
    work_in_progress: over.draft ?? false,
  });
  if (over.branch) payload.object_attributes.source_branch = over.branch;
  if (over.oldrev) payload.object_attributes.oldrev = over.oldrev;
  if (!over.readied) payload.changes = { updated_at: payload.changes.updated_at };
  return payload;
}
const plan = (on: string, payload: unknown, repos?: string[]) =>
  planGitLabEvent(integrationId, payload, [project(on, repos)]);
const kinds = (on: string, payload: unknown) =>
  plan(on, payload).map((c) => (c.kind === 'skip' ? `skip:${c.reason}` : c.kind));

describe('GitLab trigger planning (the same semantics as GitHub and Bitbucket)', () => {
  it('"opened": open and reopen start the one run of the merge request, named by target branch and last commit', () => {
    const [command] = plan('opened', mrPayload('open'));
    expect(command).toMatchObject({
      kind: 'start_or_update',
      workflowKey: `${repo}!1`,
      trigger: 'gitlab:merge_request.open',
      source: {
        type: 'gitlab',
        integrationId,
        repo,
        mergeRequestIid: 1,
        base: 'master',
        head: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      },
    });
    expect(kinds('opened', mrPayload('reopen'))).toEqual(['start_or_update']);
    expect(kinds('opened', mrPayload('approved'))).toEqual([]);
  });

  it('an update counts when it pushed code (oldrev) or marked a draft ready, not for a title or label edit', () => {
    expect(kinds('opened', mrPayload('update', { oldrev: '95790bf891e76fee5e1747ab589903a6a1f80f22' }))).toEqual([
      'start_or_update',
    ]);
    expect(kinds('opened', mrPayload('update', { readied: true }))).toEqual(['start_or_update']);
    expect(kinds('opened', mrPayload('update'))).toEqual([]);
  });

  it('skips drafts and docflow branches with their reasons', () => {
    expect(kinds('opened', mrPayload('open', { draft: true }))).toEqual(['skip:draft_merge_request']);
    expect(kinds('opened', mrPayload('open', { branch: 'docflow/run_x' }))).toEqual(['skip:opened_by_docflow']);
    expect(kinds('merged', mrPayload('merge', { branch: 'docflow/run_x' }))).toEqual(['skip:opened_by_docflow']);
  });

  it('"first_approval": an approval starts; pushed code only updates a running run; drafts may be approved', () => {
    expect(kinds('first_approval', mrPayload('approval'))).toEqual(['start_or_update']);
    expect(kinds('first_approval', mrPayload('approved', { draft: true }))).toEqual(['start_or_update']);
    expect(kinds('first_approval', mrPayload('open'))).toEqual([]);
    expect(kinds('first_approval', mrPayload('update', { oldrev: 'f'.repeat(40) }))).toEqual(['update_if_running']);
  });

  it('"merged": a merge starts a run of the merged change; otherwise merge and close end the running one', () => {
    expect(plan('merged', mrPayload('merge'))).toEqual([
      expect.objectContaining({ kind: 'start_or_update', sourceMerged: true, workflowKey: `${repo}!1` }),
    ]);
    expect(plan('opened', mrPayload('merge'))).toEqual([
      { kind: 'source_closed', projectId: 'prj_contract', workflowKey: `${repo}!1`, merged: true },
    ]);
    expect(plan('opened', mrPayload('close'))).toEqual([
      { kind: 'source_closed', projectId: 'prj_contract', workflowKey: `${repo}!1`, merged: false },
    ]);
  });

  it('"every_push": a push to the default branch runs on its range; other branches, new or deleted branches do not', () => {
    const push = example('push-hook');
    expect(plan('every_push', push, ['mike/diaspora'])).toEqual([
      {
        kind: 'start_or_update',
        projectId: 'prj_contract',
        workflowKey: 'mike/diaspora@da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        trigger: 'gitlab:push',
        source: {
          type: 'gitlab',
          integrationId,
          repo: 'mike/diaspora',
          base: '95790bf891e76fee5e1747ab589903a6a1f80f22',
          head: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        },
      },
    ]);
    expect(plan('opened', push, ['mike/diaspora'])).toEqual([]);
    expect(plan('every_push', { ...push, ref: 'refs/heads/feature' }, ['mike/diaspora'])).toEqual([]);
    expect(plan('every_push', { ...push, before: '0'.repeat(40) }, ['mike/diaspora'])).toEqual([]);
    expect(plan('every_push', { ...push, after: '0'.repeat(40) }, ['mike/diaspora'])).toEqual([]);
  });

  it('concerns only the projects whose trigger names the project', () => {
    expect(plan('opened', mrPayload('open'), ['gitlabhq/other'])).toEqual([]);
    expect(plan('opened', { object_kind: 'note', project: { path_with_namespace: repo } })).toEqual([]);
  });
});
