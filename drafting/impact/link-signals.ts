import type { MdEntry } from '../offline/markdown-entries.js';
import type { ChangeName } from './change-names.js';
import type { DocIndex } from './doc-index.js';
import { saturate, type Evidence } from './evidence.js';
import { specificity } from './name-signals.js';
import { namesIn } from './words.js';

const POINTED: ReadonlySet<ChangeName['from']> = new Set(['message', 'removed code']);
const CAP = 3;

/** The smallest heading section holding an entry: a `- **CLI:** \`--x\`` item and its `- **Config:** [x](…)` sibling share one. */
function sectionOf(entries: MdEntry[], entry: MdEntry): MdEntry {
  if (entry.kind === 'heading-section') return entry;
  const around = entries.filter(
    (e) => e.kind === 'heading-section' && (e.level ?? 1) > 1 && e.start <= entry.start && e.end >= entry.end,
  );
  return around.sort((a, b) => a.end - a.start - (b.end - b.start))[0] ?? entry;
}

/**
 * The link graph, at the level of entries: the section that documents a name from the message or a deleted name links
 * to where that thing is explained in full (`### retryCount` in a CLI reference links to the option's config
 * page). Linked pages share in the match.
 */
export function entryLinkSignals(index: DocIndex, names: ChangeName[], evidence: Evidence): void {
  const pointed = names.filter((n) => POINTED.has(n.from));
  const gained = new Map<number, { points: number; reasons: Set<string> }>();
  for (const entry of index.entries) {
    for (const n of pointed.filter((p) => entry.entryNames.has(p.name))) {
      const naming = entry.page.entries.filter((e) =>
        e.tokens.some((t) => t === n.name || namesIn(t).includes(n.name)),
      );
      const scopes = naming.map((e) => sectionOf(entry.page.entries, e));
      const targets = new Set(
        entry.links.filter((l) => scopes.some((e) => l.line >= e.start && l.line < e.end)).map((l) => l.to),
      );
      for (const to of targets) {
        const g = gained.get(to) ?? { points: 0, reasons: new Set<string>() };
        g.points += n.weight * specificity(index, n.name);
        g.reasons.add(`linked from the \`${n.name}\` entry of \`${entry.path}\``);
        gained.set(to, g);
      }
    }
  }
  for (const [to, g] of gained) evidence.add(to, saturate(g.points, CAP), [...g.reasons].slice(0, 2).join('; '));
}
