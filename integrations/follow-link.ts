import type { Project } from '../core/project.js';
import type { LinkedChange, ProviderAdapters } from './contract.js';

/** Asks each provider's source whether `url` is one of its changes; the first that pins it gathers it. */
export async function followLink(
  built: ReadonlyMap<string, ProviderAdapters>,
  url: string,
  project: Project,
): Promise<LinkedChange | undefined> {
  for (const { source } of built.values()) {
    const pinned = await source?.resolveLink?.(url, project);
    if (!source || !pinned) continue;
    return {
      source: pinned,
      label: source.describeSource(pinned),
      gathered: await source.gatherContext(pinned, project),
    };
  }
  return undefined;
}
