import { concreteTerms } from '../../../drafting/conversation/terms.js';
import type { SupportThread } from '../../contract.js';

/** The concrete things a thread names (lower case): the grouping key. */
export function keyTerms(thread: SupportThread): Set<string> {
  const text = [thread.subject, ...thread.messages.map((m) => m.text)].join('\n');
  return new Set(concreteTerms(text).map((t) => t.name.toLowerCase()));
}

export interface ThreadGroup {
  threads: SupportThread[];
  terms: string[];
}

/** Threads sharing a key term end up in one group (transitively); a thread naming nothing concrete stays alone. Largest first. */
export function groupThreads(threads: SupportThread[]): ThreadGroup[] {
  const parent = threads.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const termsOf = threads.map(keyTerms);
  const owner = new Map<string, number>();
  termsOf.forEach((terms, i) => {
    for (const term of terms) {
      const first = owner.get(term);
      if (first === undefined) owner.set(term, i);
      else parent[root(i)] = root(first);
    }
  });
  const groups = new Map<number, number[]>();
  threads.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  return [...groups.values()]
    .map((members) => {
      const shared = [...termsOf[members[0]!]!].filter((t) => members.every((m) => termsOf[m]!.has(t)));
      return { threads: members.map((m) => threads[m]!), terms: shared.sort() };
    })
    .sort(
      (a, b) =>
        b.threads.length - a.threads.length ||
        a.threads[0]!.id.localeCompare(b.threads[0]!.id, 'en', { numeric: true }),
    );
}
