import { isoDate } from '../../fake-github/git-objects.js';
import type { Repo } from '../../fake-github/repos.js';
import {
  HttpError,
  jsonBody,
  malformed,
  notFound,
  ok,
  paginate,
  projectOf,
  type Ctx,
  type FakeState,
  type MergeRequest,
  type Route,
} from '../state.js';
import { webOrigin } from './repository.js';
import { projectRoute } from './route.js';

const states = new Set(['opened', 'closed', 'locked', 'merged', 'all']);

const userJson = (state: FakeState, id: number) => {
  const user = state.users.find((u) => u.id === id)!;
  return { id: user.id, username: user.username, name: user.name, state: 'active' };
};

export function mergeRequestJson(state: FakeState, repo: Repo, mr: MergeRequest) {
  const head = repo.refs.get(`refs/heads/${mr.sourceBranch}`) ?? '';
  const target = repo.refs.get(`refs/heads/${mr.targetBranch}`) ?? '';
  const base = head && target ? (repo.store.mergeBase(head, target) ?? target) : target;
  return {
    id: mr.id,
    iid: mr.iid,
    project_id: state.projectIds.get(repo.fullName.toLowerCase()),
    title: mr.title,
    description: mr.description,
    state: mr.state,
    draft: mr.draft,
    work_in_progress: mr.draft,
    source_branch: mr.sourceBranch,
    target_branch: mr.targetBranch,
    source_project_id: state.projectIds.get(repo.fullName.toLowerCase()),
    target_project_id: state.projectIds.get(repo.fullName.toLowerCase()),
    author: userJson(state, mr.authorId),
    reviewers: mr.reviewerIds.map((id) => userJson(state, id)),
    sha: head,
    diff_refs: { base_sha: base, head_sha: head, start_sha: target },
    created_at: mr.createdAt,
    updated_at: mr.updatedAt,
    web_url: `${webOrigin(state)}/${repo.fullName}/-/merge_requests/${mr.iid}`,
  };
}

function mergeRequestOf(ctx: Ctx, repo: Repo): MergeRequest {
  const mr = ctx.state.mergeRequests.find((m) => m.project === repo.fullName && m.iid === Number(ctx.params[1]));
  if (!mr) throw notFound('Merge Request');
  return mr;
}

const text = (value: unknown, field: string, required = false) => {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && !value)) throw malformed(`${field} is missing`);
  return value;
};

function reviewerIds(state: FakeState, value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((id) => !Number.isInteger(id))) throw malformed('reviewer_ids is invalid');
  for (const id of value as number[])
    if (!state.users.some((u) => u.id === id)) throw malformed(`reviewer ${id} is not a user`);
  return [...new Set(value as number[])];
}

function notesOf(ctx: Ctx, repo: Repo, mr: MergeRequest) {
  return ctx.state.notes.filter((n) => n.project === repo.fullName && n.mergeRequestIid === mr.iid);
}

const noteJson = (state: FakeState, note: FakeState['notes'][number]) => ({
  id: note.id,
  body: note.body,
  system: note.system,
  noteable_type: 'MergeRequest',
  noteable_iid: note.mergeRequestIid,
  author: userJson(state, note.authorId),
});

export const mergeRequestRoutes: Route[] = [
  projectRoute('GET', '/merge_requests', (ctx) => {
    const repo = projectOf(ctx);
    const state = ctx.query.get('state') ?? 'all';
    if (!states.has(state)) throw malformed('state does not have a valid value');
    const source = ctx.query.get('source_branch');
    const target = ctx.query.get('target_branch');
    const chosen = ctx.state.mergeRequests
      .filter(
        (m) =>
          m.project === repo.fullName &&
          (state === 'all' || m.state === state) &&
          (source === null || m.sourceBranch === source) &&
          (target === null || m.targetBranch === target),
      )
      .sort((a, b) => b.id - a.id);
    return paginate(
      ctx,
      chosen.map((m) => mergeRequestJson(ctx.state, repo, m)),
    );
  }),
  projectRoute('POST', '/merge_requests', (ctx) => {
    const repo = projectOf(ctx);
    const body = jsonBody(ctx);
    const source = text(body.source_branch, 'source_branch', true)!;
    const target = text(body.target_branch, 'target_branch', true)!;
    const title = text(body.title, 'title', true)!;
    for (const branch of [source, target])
      if (!repo.refs.has(`refs/heads/${branch}`)) throw malformed(`Branch "${branch}" does not exist`);
    if (
      ctx.state.mergeRequests.some(
        (m) => m.project === repo.fullName && m.sourceBranch === source && m.state === 'opened',
      )
    )
      throw new HttpError(409, `Another open merge request already exists for this source branch`, true);
    const now = isoDate(new Date());
    const mr: MergeRequest = {
      id: ++ctx.state.nextId,
      iid: Math.max(0, ...ctx.state.mergeRequests.filter((m) => m.project === repo.fullName).map((m) => m.iid)) + 1,
      project: repo.fullName,
      title,
      description: text(body.description, 'description') ?? '',
      sourceBranch: source,
      targetBranch: target,
      draft: body.draft === true || /^(draft:|\[draft\])/i.test(title),
      state: 'opened',
      authorId: ctx.userId,
      reviewerIds: reviewerIds(ctx.state, body.reviewer_ids) ?? [],
      createdAt: now,
      updatedAt: now,
    };
    ctx.state.mergeRequests.push(mr);
    return ok(mergeRequestJson(ctx.state, repo, mr), 201);
  }),
  projectRoute('GET', '/merge_requests/(\\d+)', (ctx) => {
    const repo = projectOf(ctx);
    return ok(mergeRequestJson(ctx.state, repo, mergeRequestOf(ctx, repo)));
  }),
  projectRoute('PUT', '/merge_requests/(\\d+)', (ctx) => {
    const repo = projectOf(ctx);
    const mr = mergeRequestOf(ctx, repo);
    const body = jsonBody(ctx);
    const fields = ['title', 'description', 'reviewer_ids', 'target_branch', 'state_event', 'remove_source_branch'];
    if (!Object.keys(body).some((k) => fields.includes(k)))
      throw malformed(`at least one of ${fields.join(', ')} is required`);
    mr.title = text(body.title, 'title') ?? mr.title;
    mr.description = text(body.description, 'description') ?? mr.description;
    mr.reviewerIds = reviewerIds(ctx.state, body.reviewer_ids) ?? mr.reviewerIds;
    const event = text(body.state_event, 'state_event');
    if (event !== undefined && event !== 'close' && event !== 'reopen')
      throw malformed('state_event does not have a valid value');
    // A merged merge request stays merged whatever the event.
    if (event === 'close' && mr.state === 'opened') mr.state = 'closed';
    if (event === 'reopen' && mr.state === 'closed') mr.state = 'opened';
    mr.updatedAt = isoDate(new Date());
    return ok(mergeRequestJson(ctx.state, repo, mr));
  }),
  projectRoute('GET', '/merge_requests/(\\d+)/notes', (ctx) => {
    const repo = projectOf(ctx);
    const sort = ctx.query.get('sort') ?? 'desc';
    const orderBy = ctx.query.get('order_by') ?? 'created_at';
    if (sort !== 'asc' && sort !== 'desc') throw malformed('sort does not have a valid value');
    if (orderBy !== 'created_at' && orderBy !== 'updated_at') throw malformed('order_by does not have a valid value');
    const notes = notesOf(ctx, repo, mergeRequestOf(ctx, repo));
    return paginate(
      ctx,
      (sort === 'asc' ? notes : [...notes].reverse()).map((n) => noteJson(ctx.state, n)),
    );
  }),
  projectRoute('POST', '/merge_requests/(\\d+)/notes', (ctx) => {
    const repo = projectOf(ctx);
    const mr = mergeRequestOf(ctx, repo);
    const body = text(jsonBody(ctx).body, 'body', true)!;
    const note = {
      id: ++ctx.state.nextId,
      project: repo.fullName,
      mergeRequestIid: mr.iid,
      body,
      system: false,
      authorId: ctx.userId,
    };
    ctx.state.notes.push(note);
    return ok(noteJson(ctx.state, note), 201);
  }),
  projectRoute('PUT', '/merge_requests/(\\d+)/notes/(\\d+)', (ctx) => {
    const repo = projectOf(ctx);
    const mr = mergeRequestOf(ctx, repo);
    const note = notesOf(ctx, repo, mr).find((n) => n.id === Number(ctx.params[2]));
    if (!note) throw notFound('Note');
    if (note.authorId !== ctx.userId) throw new HttpError(403, '403 Forbidden', true);
    note.body = text(jsonBody(ctx).body, 'body', true)!;
    return ok(noteJson(ctx.state, note));
  }),
];
