import type { ChangeContext } from '../../core/change.js';

/** The folder a batch member's files are shown under (`source-2/src/cli.ts`), so two members touching one file stay apart. */
export const memberPrefix = (index: number) => `source-${index + 1}/`;

/** `source-2/src/cli.ts` → member 1 and `src/cli.ts`; undefined for a path of no member. */
export function memberOfPath(path: string): { index: number; path: string } | undefined {
  const match = /^source-(\d+)\/(.+)$/.exec(path);
  return match ? { index: Number(match[1]) - 1, path: match[2]! } : undefined;
}

const headerLine = /^(diff --git |--- |\+\+\+ |rename from |rename to |copy from |copy to )(.*)$/;

/** Moves every path of a `git diff` under `prefix`, header lines only: hunk lines are content. */
function prefixDiff(diff: string, prefix: string): string {
  let inHeader = false;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git ')) inHeader = true;
      else if (line.startsWith('@@')) inHeader = false;
      if (!inHeader) return line;
      const match = headerLine.exec(line);
      if (!match) return line;
      const [, head, rest] = match as unknown as [string, string, string];
      if (head === 'diff --git ')
        return (
          head + rest.replace(/(^|\s)("?)([ab])\//g, (_all, space, quote, side) => `${space}${quote}${side}/${prefix}`)
        );
      if (head === '--- ' || head === '+++ ')
        return rest.startsWith('/dev/null') ? line : head + rest.replace(/^("?)([ab])\//, `$1$2/${prefix}`);
      return head + prefix + rest;
    })
    .join('\n');
}

/**
 * One change made of several (a batch): every member's commits, diff, files and conversations, each
 * member's paths under its own folder (`source-1/…`), its note headed by its label, and the references
 * they share said once. Drafters read it as one change and cite each member's lines by their paths.
 */
export function mergeChanges(members: { label: string; change: ChangeContext }[], notes: string[] = []): ChangeContext {
  const authors = [...new Set(members.flatMap((m) => (m.change.author ? [m.change.author] : [])))];
  const references = new Map(members.flatMap((m) => (m.change.references ?? []).map((r) => [r.id, r] as const)));
  const contextNotes = [...notes, ...members.flatMap((m) => m.change.contextNotes ?? [])];
  return {
    sourceLabel: `${members.length} changes: ${members.map((m) => m.label).join(', ')}`,
    note: members
      .map((m, i) => `Source ${i + 1} (${memberPrefix(i)}): ${m.label}${m.change.note ? `\n${m.change.note}` : ''}`)
      .join('\n\n'),
    commits: members.flatMap((m) => m.change.commits),
    diff: members
      .map((m, i) => prefixDiff(m.change.diff.replace(/\n$/, ''), memberPrefix(i)))
      .filter(Boolean)
      .map((diff) => `${diff}\n`)
      .join(''),
    files: members.flatMap((m, i) =>
      m.change.files.map((f) => ({
        ...f,
        path: memberPrefix(i) + f.path,
        ...(f.previousPath ? { previousPath: memberPrefix(i) + f.previousPath } : {}),
      })),
    ),
    ...(authors.length === 1 ? { author: authors[0] } : {}),
    ...(members.some((m) => m.change.conversations?.length)
      ? {
          conversations: members.flatMap((m, i) =>
            (m.change.conversations ?? []).map((c) => ({ ...c, path: memberPrefix(i) + c.path })),
          ),
        }
      : {}),
    ...(references.size ? { references: [...references.values()] } : {}),
    ...(contextNotes.length ? { contextNotes } : {}),
  };
}
