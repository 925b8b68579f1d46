import { paginate, route, unprocessable, type Ctx, type Route } from '../http-kit.js';
import { repoJson } from '../render.js';
import type { Repo } from '../repos.js';

const LANGUAGES: Record<string, string[]> = {
  markdown: ['md', 'markdown', 'mdx'],
  typescript: ['ts', 'tsx'],
  javascript: ['js', 'mjs', 'cjs'],
  yaml: ['yml', 'yaml'],
};
const searchError = (message?: string) =>
  unprocessable('Validation Failed', [
    { resource: 'Search', field: 'q', code: message ? 'invalid' : 'missing', ...(message && { message }) },
  ]);

/** `q` split into qualifiers (`repo:o/r`, `path:docs`, ...) and the plain terms every match must contain. */
function parseQuery(q: string) {
  const qualifiers: Array<[string, string]> = [];
  const terms: string[] = [];
  for (const m of q.matchAll(/(\w+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g)) {
    if (m[1]) qualifiers.push([m[1].toLowerCase(), m[2].replace(/^"|"$/g, '').toLowerCase()]);
    else if (m[3] !== undefined || !['AND', 'OR', 'NOT'].includes(m[4])) terms.push((m[3] ?? m[4]).toLowerCase());
  }
  return { qualifiers, terms };
}

function visible(ctx: Ctx, repo: Repo): boolean {
  const id = ctx.identity;
  if (id.kind === 'token') return true;
  return (
    id.kind === 'installation' &&
    repo.installationId === id.installationId &&
    (!id.repos || id.repos.has(repo.fullName.toLowerCase()))
  );
}

function matches(qualifiers: Array<[string, string]>, repo: Repo, path: string): boolean {
  const name = path.split('/').pop()!.toLowerCase();
  const ext = name.includes('.') ? name.split('.').pop()! : '';
  return qualifiers.every(([key, v]) => {
    if (key === 'repo') return repo.fullName.toLowerCase() === v;
    if (key === 'org' || key === 'user') return repo.owner.toLowerCase() === v;
    if (key === 'path') return path.toLowerCase().includes(v.replace(/^\//, ''));
    if (key === 'filename') return name === v;
    if (key === 'extension') return ext === v.replace(/^\./, '');
    if (key === 'language') return (LANGUAGES[v] ?? [v]).includes(ext);
    return true;
  });
}

export const searchRoutes: Route[] = [
  route('GET', '/search/code', 'any', (ctx) => {
    const { qualifiers, terms } = parseQuery(ctx.query.q);
    if (terms.length === 0) throw searchError();
    const repos = [...ctx.world.repos.values()].filter((r) => visible(ctx, r));
    if (qualifiers.some(([k, v]) => k === 'repo' && !repos.some((r) => r.fullName.toLowerCase() === v)))
      throw searchError(
        'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
      );
    const inPath = qualifiers.some(([k, v]) => k === 'in' && v === 'path');
    const items = repos.flatMap((repo) => {
      const head = repo.refs.get(`refs/heads/${repo.defaultBranch}`)!;
      const hits = [...repo.store.flatten(repo.store.commit(head)!.tree)].filter(([path, leaf]) => {
        if (leaf.type !== 'blob' || !matches(qualifiers, repo, path)) return false;
        const text = (inPath ? path : repo.store.blob(leaf.sha)!.toString('utf8')).toLowerCase();
        return terms.every((t) => text.includes(t));
      });
      return hits.map(([path, leaf]) => ({
        name: path.split('/').pop()!,
        path,
        sha: leaf.sha,
        url: `${ctx.state.url}/repos/${repo.fullName}/contents/${encodeURI(path)}?ref=${head}`,
        git_url: `${ctx.state.url}/repos/${repo.fullName}/git/blobs/${leaf.sha}`,
        html_url: `https://github.com/${repo.fullName}/blob/${head}/${encodeURI(path)}`,
        repository: repoJson(repo, ctx.state.url),
        score: 1,
      }));
    });
    const page = paginate(ctx, items);
    return {
      status: 200,
      headers: page.headers,
      body: { total_count: items.length, incomplete_results: false, items: page.items },
    };
  }),
];
