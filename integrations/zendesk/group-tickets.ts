import type { SupportThread } from '../contract.js';

/**
 * Concrete things a conversation names, which a doc page would name too: flags, environment
 * variables, `code`, dotted or snake_case settings and error codes. Prose words are left out: two
 * tickets about "export" are not about the same thing, two about `--delimiter` are.
 */
export function keyTerms(thread: SupportThread): Set<string> {
  const text = [thread.subject, ...thread.messages].join('\n');
  const terms = new Set<string>();
  const add = (term: string) => term.length >= 3 && !term.startsWith('[') && terms.add(term.toLowerCase());
  for (const m of text.matchAll(/`([^`\n]{2,60})`/g)) add(m[1]!.trim());
  for (const m of text.matchAll(/(?<![\w-])--?[a-z][\w-]{1,40}/gi)) add(m[0]);
  for (const m of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) add(m[0]);
  for (const m of text.matchAll(/\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b/g)) if (!/^\d/.test(m[0])) add(m[0]);
  for (const m of text.matchAll(/\b(?:E|ERR)[_-]?\d{2,6}\b/g)) add(m[0]);
  return terms;
}

export interface TicketGroup {
  threads: SupportThread[];
  terms: string[];
}

/** Tickets sharing a key term end up in one group (transitively); a ticket naming nothing concrete stays alone. Largest first. */
export function groupTickets(threads: SupportThread[]): TicketGroup[] {
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
    .sort((a, b) => b.threads.length - a.threads.length || Number(a.threads[0]!.id) - Number(b.threads[0]!.id));
}
