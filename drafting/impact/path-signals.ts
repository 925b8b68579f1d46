import type { ChangeName } from './change-names.js';
import type { DocIndex } from './doc-index.js';
import type { Evidence } from './evidence.js';
import type { ChangeInfo } from './read-change.js';
import { compact, identifierParts, stem } from './words.js';

// Folder and file names that organise code rather than name a feature.
const GENERIC = new Set(
  `src lib dist build out packages package pkg internal index main mod utils util helpers helper common shared types
  type test tests spec specs docs doc readme changelog guide intro app bin scripts script`.split(/\s+/),
);

/** Segments of a code path, nearest first, with weights: the file name counts most, far-up folders least. */
function segments(path: string): { name: string; weight: number }[] {
  const parts = path.split('/');
  const file = (parts.pop() ?? '').replace(/\.[^.]+$/, '').replace(/\.(?:test|spec|d)$/, '');
  const weights = [1, 0.8, 0.5];
  return [file, ...parts.reverse()].map((name, i) => ({ name, weight: weights[i] ?? 0.3 }));
}

/**
 * File-path ↔ page-name affinity: a page named like a changed file or folder (`src/plugin.ts` → `plugins.md`),
 * like the commit's scope (`fix(cache):` → `cache.md`) or like a changed name (`retryCount` → `retry-count.md`).
 */
export function pathSignals(index: DocIndex, change: ChangeInfo, names: ChangeName[], evidence: Evidence): void {
  const byStem = new Map<string, number[]>();
  index.entries.forEach((e, i) => {
    if (e.stem.length >= 3 && !GENERIC.has(e.stem)) byStem.set(e.stem, [...(byStem.get(e.stem) ?? []), i]);
  });
  const best = new Map<number, { points: number; reason: string }>();
  const offer = (pages: number[] | undefined, points: number, reason: (path: string) => string): void => {
    for (const i of pages ?? []) {
      if ((best.get(i)?.points ?? 0) < points) best.set(i, { points, reason: reason(index.entries[i].stem) });
    }
  };
  for (const path of change.paths) {
    for (const { name, weight } of segments(path)) {
      if (GENERIC.has(name.toLowerCase())) continue;
      offer(byStem.get(compact(name)), 2 * weight, (s) => `page name \`${s}\` matches changed file \`${path}\``);
      for (const part of identifierParts(name)
        .map(stem)
        .filter((p) => p.length >= 4 && !GENERIC.has(p))) {
        offer(byStem.get(part), weight, (s) => `page name \`${s}\` matches part of changed file \`${path}\``);
      }
    }
  }
  const scope = change.message.scope;
  for (const part of scope ? scope.split(/[\s,/]+/) : []) {
    offer(byStem.get(compact(part)), 2.5, (s) => `page name \`${s}\` matches the change's scope \`${scope}\``);
  }
  for (const n of names.filter((n) => identifierParts(n.name).length > 1)) {
    offer(
      byStem.get(compact(n.name)),
      1.5 * n.weight,
      (s) => `page name \`${s}\` matches \`${n.name}\` from the ${n.from}`,
    );
  }
  for (const [i, { points, reason }] of best) evidence.add(i, points, reason);
}
