import { isoDate } from '../git-objects.js';
import { actor, notFound, ok, paginate, type Ctx, route, type Route } from '../http-kit.js';
import { commentJson } from '../render.js';

function issueNumber(ctx: Ctx): number {
  const number = Number(ctx.params.issue_number);
  if (!ctx.repo.pulls.has(number)) throw notFound();
  return number;
}

export const commentRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'repo', (ctx) => {
    const number = issueNumber(ctx);
    const since = ctx.query.since ? new Date(ctx.query.since).getTime() : 0;
    const comments = ctx.repo.comments.filter(
      (c) => c.issueNumber === number && new Date(c.updatedAt).getTime() >= since,
    );
    const page = paginate(ctx, comments);
    return { status: 200, headers: page.headers, body: page.items.map((c) => commentJson(ctx.repo, c, ctx.state.url)) };
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'repo', (ctx) => {
    const now = isoDate(new Date());
    const comment = {
      id: ctx.world.id(),
      issueNumber: issueNumber(ctx),
      body: (ctx.body as { body: string }).body,
      user: actor(ctx.identity),
      createdAt: now,
      updatedAt: now,
    };
    ctx.repo.comments.push(comment);
    return ok(commentJson(ctx.repo, comment, ctx.state.url), 201);
  }),
  route('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', 'repo', (ctx) => {
    const comment = ctx.repo.comments.find((c) => c.id === Number(ctx.params.comment_id));
    if (!comment) throw notFound();
    comment.body = (ctx.body as { body: string }).body;
    comment.updatedAt = isoDate(new Date());
    return ok(commentJson(ctx.repo, comment, ctx.state.url));
  }),
];
