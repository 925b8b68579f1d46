import { describe, expect, it } from 'vitest';
import type { Project } from '../../../core/project.js';
import { planGitHubEvent } from '../../../integrations/github/plan-event.js';
import { examplePayload } from '../../support/github-payloads.js';

const repo = 'Codertocat/Hello-World';
function project(trigger: Record<string, unknown>, id = 'prj_a'): Project {
  return {
    id,
    name: id,
    triggers: [
      {
        type: 'github',
        integrationId: 'int_1',
        excludeRepos: [],
        ignorePaths: [],
        on: 'opened',
        feedback: true,
        repos: [repo],
        ...trigger,
      },
    ],
    context: [],
    destinations: [],
    review: { required: true, expireAfter: '1d' },
    drafting: {},
    createdAt: '',
    updatedAt: '',
  };
}
const pr = (action: string, adjust: (p: Record<string, any>) => void = () => {}) =>
  examplePayload('pull_request', (p) => p.action === action, adjust);
const plan = (event: string, payload: unknown, projects: Project[]) =>
  planGitHubEvent('int_1', event, payload, projects);

describe('planning GitHub events', () => {
  it('starts (or updates) one run per project and pull request when a PR is opened or updated', () => {
    for (const action of ['opened', 'reopened', 'ready_for_review', 'synchronize']) {
      const payload = pr(action === 'reopened' ? 'opened' : action, (p) => (p.action = action));
      const [command, ...rest] = plan('pull_request', payload, [project({})]);
      expect(rest).toEqual([]);
      expect(command).toMatchObject({
        kind: 'start_or_update',
        projectId: 'prj_a',
        workflowKey: `${repo}#2`,
        source: {
          type: 'github',
          integrationId: 'int_1',
          repo,
          pullNumber: 2,
          base: payload.pull_request.base.sha,
          head: payload.pull_request.head.sha,
        },
      });
    }
  });

  it('ends the run when the PR closes unmerged and notes a merge', () => {
    expect(plan('pull_request', pr('closed'), [project({})])).toEqual([
      { kind: 'source_closed', projectId: 'prj_a', workflowKey: `${repo}#2`, merged: false },
    ]);
    const merged = pr('closed', (p) => (p.pull_request.merged = true));
    expect(plan('pull_request', merged, [project({})])).toEqual([
      { kind: 'source_closed', projectId: 'prj_a', workflowKey: `${repo}#2`, merged: true },
    ]);
  });

  it("skips drafts and docflow's own pull requests, saying why", () => {
    const draft = pr('opened', (p) => (p.pull_request.draft = true));
    expect(plan('pull_request', draft, [project({})])).toMatchObject([{ kind: 'skip', reason: 'draft_pull_request' }]);
    const own = pr('opened', (p) => (p.pull_request.head.ref = 'docflow/run_x'));
    expect(plan('pull_request', own, [project({})])).toMatchObject([{ kind: 'skip', reason: 'opened_by_docflow' }]);
  });

  it('with on: merged, drafts only once the PR is merged', () => {
    const trigger = { on: 'merged' };
    expect(plan('pull_request', pr('opened'), [project(trigger)])).toEqual([]);
    expect(plan('pull_request', pr('closed'), [project(trigger)])).toMatchObject([
      { kind: 'source_closed', merged: false },
    ]);
    const merged = pr('closed', (p) => (p.pull_request.merged = true));
    expect(plan('pull_request', merged, [project(trigger)])).toMatchObject([
      { kind: 'start_or_update', sourceMerged: true },
    ]);
  });

  it('with on: first_approval, starts on an approving review and only signals on new commits', () => {
    const trigger = { on: 'first_approval' };
    const commented = examplePayload('pull_request_review', (p) => p.action === 'submitted');
    expect(plan('pull_request_review', commented, [project(trigger)])).toEqual([]);
    const approved = examplePayload(
      'pull_request_review',
      (p) => p.action === 'submitted',
      (p) => (p.review.state = 'approved'),
    );
    expect(plan('pull_request_review', approved, [project(trigger)])).toMatchObject([
      { kind: 'start_or_update', workflowKey: `${repo}#2` },
    ]);
    expect(plan('pull_request', pr('synchronize'), [project(trigger)])).toMatchObject([{ kind: 'update_if_running' }]);
    expect(plan('pull_request', pr('opened'), [project(trigger)])).toEqual([]);
  });

  it('with on: every_push, runs for pushes to the default branch only', () => {
    const trigger = { on: 'every_push' };
    const push = examplePayload(
      'push',
      (p) => p.ref === 'refs/heads/master',
      (p) => (p.before = 'a'.repeat(40)),
    );
    expect(plan('push', push, [project(trigger)])).toMatchObject([
      {
        kind: 'start_or_update',
        workflowKey: `${repo}@${push.after}`,
        source: { base: 'a'.repeat(40), head: push.after },
      },
    ]);
    const created = examplePayload('push', (p) => p.ref === 'refs/heads/master');
    expect(plan('push', created, [project(trigger)])).toEqual([]); // a new branch has no "before" to diff against
    const tag = examplePayload(
      'push',
      (p) => p.ref.startsWith('refs/tags/'),
      (p) => (p.before = 'a'.repeat(40)),
    );
    expect(plan('push', tag, [project(trigger)])).toEqual([]);
    expect(plan('push', push, [project({})])).toEqual([]);
  });

  it('matches repositories by name or topic, honours exclusions and ignores other integrations', () => {
    const payload = pr('opened', (p) => (p.repository.topics = ['docs-tracked']));
    expect(plan('pull_request', payload, [project({ repos: ['someone/else'] })])).toEqual([]);
    expect(plan('pull_request', payload, [project({ repos: undefined, topics: ['docs-tracked'] })])).toHaveLength(1);
    expect(
      plan('pull_request', payload, [project({ repos: undefined, topics: ['docs-tracked'], excludeRepos: [repo] })]),
    ).toEqual([]);
    expect(plan('pull_request', payload, [project({ integrationId: 'int_2' })])).toEqual([]);
    expect(plan('pull_request', payload, [project({}, 'prj_a'), project({}, 'prj_b')]).map((c) => c.projectId)).toEqual(
      ['prj_a', 'prj_b'],
    );
  });

  it('ignores events it does not act on, and malformed payloads', () => {
    expect(plan('ping', examplePayload('ping'), [project({})])).toEqual([]);
    expect(plan('pull_request', pr('labeled'), [project({})])).toEqual([]);
    expect(plan('pull_request', { action: 'opened', repository: { full_name: repo } }, [project({})])).toEqual([]);
    expect(plan('pull_request', 'not an object', [project({})])).toEqual([]);
  });
});
