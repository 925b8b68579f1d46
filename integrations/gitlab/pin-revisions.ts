import type { TriggerCommand } from '../contract.js';
import { isStatus, projectPath, type GitLabApi } from './api.js';
import type { GitLabSource } from './schemas.js';

const fullSha = /^[0-9a-f]{40}$/;

interface MergeRequest {
  diff_refs?: { base_sha?: string | null; head_sha?: string | null } | null;
}

/**
 * Webhook sources are recorded as they are, so they must name commits: a merge request's come from
 * its diff refs (the merge base and the source head GitLab compares), a push's are SHAs already.
 * A name GitLab does not know stays as sent and fails validation when the run reads it.
 */
export async function pinCommandRevisions(api: () => Promise<GitLabApi>, commands: TriggerCommand[]) {
  const refs = new Map<string, { base: string; head: string } | undefined>();
  const diffRefs = async (repo: string, iid: number) => {
    const key = `${repo}!${iid}`;
    if (!refs.has(key)) {
      try {
        const mr = await (await api()).get<MergeRequest>(`${projectPath(repo)}/merge_requests/${iid}`);
        const { base_sha: base, head_sha: head } = mr.diff_refs ?? {};
        refs.set(key, base && head ? { base, head } : undefined);
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
        refs.set(key, undefined);
      }
    }
    return refs.get(key);
  };
  const commit = async (repo: string, revision: string) => {
    if (fullSha.test(revision)) return revision;
    try {
      return (
        await (
          await api()
        ).get<{ id: string }>(`${projectPath(repo)}/repository/commits/${encodeURIComponent(revision)}`)
      ).id;
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      return revision;
    }
  };
  const pinned: TriggerCommand[] = [];
  for (const command of commands) {
    if (!('source' in command)) {
      pinned.push(command);
      continue;
    }
    const source = command.source as GitLabSource;
    const mr = source.mergeRequestIid ? await diffRefs(source.repo, source.mergeRequestIid) : undefined;
    pinned.push({
      ...command,
      source: mr
        ? { ...source, ...mr }
        : { ...source, base: await commit(source.repo, source.base), head: await commit(source.repo, source.head) },
    });
  }
  return pinned;
}
