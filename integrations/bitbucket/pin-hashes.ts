import type { TriggerCommand } from '../contract.js';
import { isStatus, repoPath, type BitbucketApi } from './api.js';
import type { BitbucketSource } from './schemas.js';

const fullHash = /^[0-9a-f]{40}$/;

/**
 * Bitbucket's webhooks name commits by 12-character abbreviations: the sources of the commands are
 * pinned to full hashes before a run records them (an unknown one stays as sent and fails validation later).
 */
export async function pinCommandHashes(api: () => Promise<BitbucketApi>, commands: TriggerCommand[]) {
  const known = new Map<string, string>();
  const full = async (repo: string, hash: string) => {
    if (fullHash.test(hash)) return hash;
    const key = `${repo}@${hash}`;
    if (!known.has(key)) {
      try {
        known.set(key, (await (await api()).get<{ hash: string }>(`${repoPath(repo)}/commit/${hash}`)).hash);
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
        known.set(key, hash);
      }
    }
    return known.get(key)!;
  };
  const pinned: TriggerCommand[] = [];
  for (const command of commands) {
    if (!('source' in command)) {
      pinned.push(command);
      continue;
    }
    const source = command.source as BitbucketSource;
    pinned.push({
      ...command,
      source: { ...source, base: await full(source.repo, source.base), head: await full(source.repo, source.head) },
    });
  }
  return pinned;
}
