import type { ChangeContext } from '../core/change.js';
import type { Project } from '../core/project.js';
import type { Integrations } from '../integrations/integrations.js';

/**
 * The change with what the project's context entries add to it (the issues it names), for each entry
 * whose provider offers a context provider; a change no entry adds to is returned as it is.
 */
export async function enrichChange(
  integrations: Integrations,
  project: Project,
  change: ChangeContext,
): Promise<ChangeContext> {
  let enriched = change;
  for (const entry of project.context) {
    const provider = integrations.adapters(entry.type).contextProvider;
    if (!provider) continue;
    const { references, notes } = await provider.enrich(entry, enriched, project);
    if (!references.length && !notes.length) continue;
    const known = new Set((enriched.references ?? []).map((r) => r.id));
    enriched = {
      ...enriched,
      references: [...(enriched.references ?? []), ...references.filter((r) => !known.has(r.id))],
      contextNotes: [...(enriched.contextNotes ?? []), ...notes],
    };
  }
  return enriched;
}
