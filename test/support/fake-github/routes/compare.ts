import { HttpError, notFound, ok, type Ctx, route, type Route } from '../http-kit.js';
import { commitJson, fileJson } from '../render.js';
import { diffTrees, gitDiffSection } from '../tree-diff.js';

function side(ctx: Ctx, spec: string): string {
  const ref = spec.includes(':') ? spec.slice(spec.indexOf(':') + 1) : spec;
  const sha = ctx.world.resolve(ctx.repo, ref);
  if (!sha) throw notFound();
  return sha;
}

export const compareRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/compare/{basehead}', 'repo', (ctx) => {
    const { repo, state } = ctx;
    const [baseSpec, headSpec] = ctx.params.basehead.split(/\.\.\.?/);
    if (headSpec === undefined) throw notFound();
    const base = side(ctx, baseSpec);
    const head = side(ctx, headSpec);
    const mergeBase = repo.store.mergeBase(base, head);
    if (!mergeBase) throw new HttpError(404, `No common ancestor between ${baseSpec} and ${headSpec}.`);
    const changes = diffTrees(repo.store, repo.store.commit(mergeBase)!.tree, repo.store.commit(head)!.tree);
    if (/\.diff\b/.test(ctx.headers.accept ?? ''))
      return {
        status: 200,
        text: changes.map(gitDiffSection).join(''),
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      };
    const ahead = repo.store.commitsBetween(base, head);
    const behind = repo.store.commitsBetween(head, base);
    const status =
      base === head ? 'identical' : behind.length === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
    const html = `https://github.com/${repo.fullName}/compare/${ctx.params.basehead}`;
    return ok({
      url: `${state.url}/repos/${repo.fullName}/compare/${ctx.params.basehead}`,
      html_url: html,
      permalink_url: `https://github.com/${repo.fullName}/compare/${base}...${head}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: commitJson(repo, base, state.url),
      merge_base_commit: commitJson(repo, mergeBase, state.url),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: ahead.slice(0, 250).map((sha) => commitJson(repo, sha, state.url)),
      files: changes.slice(0, 300).map((f) => fileJson(repo, f, head, state.url)),
    });
  }),
];
