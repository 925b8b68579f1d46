import type { ChangeContext } from '../../core/change.js';

/** Where a change names its issues: the pull request's title and body, commit messages, a thread, the branch. */
export interface NamedKeys {
  /** Keys of the entry's teams, in the order the change first names them. */
  allowed: string[];
  /** Keys of other teams, named in text (`OPS-7`): left out, and said so. */
  otherTeams: string[];
}

const inText = /(?<![A-Za-z0-9_-])([A-Z][A-Z0-9]{0,9})-([1-9]\d{0,6})(?![A-Za-z0-9_]|-\d)/g;
// Branches name issues in lower case (`alice/eng-123-add-timeout`).
const inBranch = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{0,9})-([1-9]\d{0,6})(?![0-9])/g;

/**
 * The issue keys (`ENG-123`) a change names, split by whether their team is one of `teams`. Text is
 * read in upper case only, so `utf-8` is no issue; a branch name in any case, and only for the entry's
 * teams (a branch's `fix-2` is no key of another team either).
 */
export function namedIssueKeys(change: ChangeContext, teams: string[]): NamedKeys {
  const allowedTeams = new Set(teams.map((t) => t.toUpperCase()));
  const allowed: string[] = [];
  const otherTeams: string[] = [];
  const add = (team: string, number: string, fromBranch: boolean) => {
    const key = `${team.toUpperCase()}-${number}`;
    if (allowedTeams.has(team.toUpperCase())) {
      if (!allowed.includes(key)) allowed.push(key);
    } else if (!fromBranch && !otherTeams.includes(key)) otherTeams.push(key);
  };
  const texts = [change.sourceLabel, change.note ?? '', ...change.commits.map((c) => c.message)];
  for (const text of texts) for (const m of text.matchAll(inText)) add(m[1]!, m[2]!, false);
  for (const m of (change.branch ?? '').matchAll(inBranch)) add(m[1]!, m[2]!, true);
  return { allowed, otherTeams };
}
