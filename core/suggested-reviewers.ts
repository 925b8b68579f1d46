/** Why a reviewer is suggested for a run. */
export type ReviewerReason = 'project' | 'author' | 'codeowners';

/** Someone (a user) or a group (a team, `org/team`) asked to review a run's docs update. */
export interface SuggestedReviewer {
  name: string;
  kind: 'user' | 'team';
  reasons: ReviewerReason[];
}

export interface ReviewerSources {
  project?: { users: string[]; teams: string[] };
  author?: string;
  /** Owners from the docs repository's CODEOWNERS for the edited pages (`@user`, `@org/team`). */
  codeOwners?: string[];
}

/** The project's reviewers, the change's author and the code owners of the edited pages, each named once. */
export function suggestReviewers(sources: ReviewerSources): SuggestedReviewer[] {
  const found = new Map<string, SuggestedReviewer>();
  const add = (raw: string, kind: 'user' | 'team', reason: ReviewerReason) => {
    const name = raw.trim().replace(/^@/, '');
    if (!name) return;
    const key = `${kind}:${name.toLowerCase()}`;
    const entry = found.get(key) ?? { name, kind, reasons: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    found.set(key, entry);
  };
  for (const user of sources.project?.users ?? []) add(user, 'user', 'project');
  for (const team of sources.project?.teams ?? []) add(team, 'team', 'project');
  if (sources.author) add(sources.author, 'user', 'author');
  for (const owner of sources.codeOwners ?? []) add(owner, owner.includes('/') ? 'team' : 'user', 'codeowners');
  return [...found.values()];
}
