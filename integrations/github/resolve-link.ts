import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { GitHubClients } from './clients.js';
import { splitRepo } from './repo-name.js';
import type { GitHubSource } from './schemas.js';

const changeLink = /^https?:\/\/([^/\s]+)\/([\w.-]+\/[\w.-]+)\/(pull|commit)\/([0-9a-f]{7,40}|\d+)(?=$|[/?#])/i;

/** Where people browse a connection's repositories: github.com for the API at api.github.com, else the server's host. */
const webHost = (baseUrl: string) => {
  const host = new URL(baseUrl).host.toLowerCase();
  return host === 'api.github.com' ? 'github.com' : host;
};

/** The project's GitHub integrations, from its context and trigger entries. */
const integrationsOf = (project: Project) => [
  ...new Set(
    [...project.context, ...project.triggers]
      .filter((entry) => entry.type === 'github' && typeof entry.integrationId === 'string')
      .map((entry) => entry.integrationId as string),
  ),
];

/**
 * A pull request or commit URL as a source pinned to its base and head commits, through the first
 * of the project's GitHub integrations at that host that may read the repository.
 */
export async function resolveGitHubLink(
  clients: GitHubClients,
  url: string,
  project: Project,
  allowed: (project: Project, source: GitHubSource) => boolean,
): Promise<GitHubSource | undefined> {
  const match = changeLink.exec(url);
  if (!match) return undefined;
  const [, host, repo, kind, ref] = match as unknown as [string, string, string, string, string];
  for (const integrationId of integrationsOf(project)) {
    const unpinned: GitHubSource = { type: 'github', integrationId, repo, base: '', head: '' };
    if (webHost(await clients.baseUrl(integrationId)) !== host.toLowerCase() || !allowed(project, unpinned)) continue;
    const octokit = await clients.forRepo(integrationId, repo);
    const { owner, repo: name } = splitRepo(repo);
    try {
      if (kind.toLowerCase() === 'pull') {
        const pr = (await octokit.rest.pulls.get({ owner, repo: name, pull_number: Number(ref) })).data;
        return { ...unpinned, base: pr.base.sha, head: pr.head.sha, pullNumber: pr.number };
      }
      const commit = (await octokit.rest.repos.getCommit({ owner, repo: name, ref })).data;
      const parent = commit.parents[0]?.sha;
      if (!parent) throw new AppError('invalid_source', `commit ${ref} in ${repo} has no parent to compare with`);
      return { ...unpinned, base: parent, head: commit.sha };
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 404 && status !== 422) throw error;
      throw new AppError('invalid_source', `${url} is not a ${kind === 'pull' ? 'pull request' : 'commit'} in ${repo}`);
    }
  }
  return undefined;
}
