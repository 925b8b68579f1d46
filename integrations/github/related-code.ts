import type { Octokit } from 'octokit';

const identifier = /\b(?:[a-z]+(?:[A-Z][a-z0-9]+)+|[a-z]+(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g;

/** The most frequent compound identifiers (camelCase, snake_case, ENV_NAMES) on the diff's changed lines. */
export function changedIdentifiers(diff: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const line of diff.split('\n')) {
    if (!/^[+-](?![+-])/.test(line)) continue;
    for (const name of line.match(identifier) ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([name]) => name);
}

/**
 * Other files of the repository that mention the changed identifiers (GitHub code search). Code
 * search has a tight rate limit of its own, so this is best effort: a refused search is skipped.
 */
export async function relatedCode(
  octokit: Octokit,
  repo: string,
  diff: string,
  exclude: Set<string>,
): Promise<string[]> {
  const lines: string[] = [];
  for (const name of changedIdentifiers(diff, 3)) {
    try {
      const { data } = await octokit.rest.search.code({ q: `${name} repo:${repo}`, per_page: 10 });
      const paths = data.items.map((item) => item.path).filter((path) => !exclude.has(path));
      if (paths.length) lines.push(`\`${name}\` also appears in: ${paths.join(', ')}`);
    } catch {
      // best effort (see above)
    }
  }
  return lines;
}
