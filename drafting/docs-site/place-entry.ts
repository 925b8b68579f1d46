import path from 'node:path';

/** A place a page is listed in a navigation: an entry of a list (`container`), and the page it points at. */
export interface NavSlot<T> {
  container: T;
  index: number;
  page?: string;
}

function closeness(a: string, b: string): number {
  const da = path.posix.dirname(a).split('/');
  const db = path.posix.dirname(b).split('/');
  let common = 0;
  while (common < da.length && common < db.length && da[common] === db[common]) common++;
  return common + (da.length === db.length && common === da.length ? 0.5 : 0);
}

/**
 * Where a new page goes: after the last entry of its closest siblings (same folder first, else the
 * nearest parent folder), in the list that holds most of them.
 */
export function nearestSlot<T>(slots: NavSlot<T>[], page: string): NavSlot<T> | undefined {
  const listed = slots.filter((s) => s.page !== undefined);
  if (!listed.length) return undefined;
  const best = Math.max(...listed.map((s) => closeness(s.page!, page)));
  const siblings = listed.filter((s) => closeness(s.page!, page) === best);
  const counts = new Map<T, number>();
  for (const s of siblings) counts.set(s.container, (counts.get(s.container) ?? 0) + 1);
  const container = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return siblings
    .filter((s) => s.container === container)
    .sort((a, b) => a.index - b.index)
    .at(-1);
}
