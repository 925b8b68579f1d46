import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { AppError } from '../core/errors.js';
import type { Project, ProjectInput } from '../core/project.js';

/** Who decides a project's runs, and how: the settings an editor must not change to review its own work. */
function reviewSettings(project: ProjectInput) {
  const { required, expireAfter, autoPublishAbove, allowSelfApproval } = project.review;
  const reviewers = project.reviewers
    ? { users: [...project.reviewers.users].sort(), teams: [...project.reviewers.teams].sort() }
    : null;
  return JSON.stringify({
    required,
    expireAfter,
    autoPublishAbove: autoPublishAbove ?? null,
    allowSelfApproval: allowSelfApproval ?? true,
    reviewers,
    // A review channel names who may decide there (its approvers).
    channel: (project.review as { channel?: unknown }).channel ?? null,
  });
}

export const reviewSettingsChanged = (before: ProjectInput, after: ProjectInput) =>
  reviewSettings(before) !== reviewSettings(after);

/** Editors may change a project, but not its `review` or `reviewers` settings: only admins may. */
export function assertMayChangeReviewSettings(actor: ApiKeyIdentity, before: Project, after: ProjectInput): void {
  if (actor.role === 'admin' || !reviewSettingsChanged(before, after)) return;
  throw new AppError(
    'forbidden',
    `changing a project's review or reviewers settings needs the admin role; this key (${actor.name}) is ${actor.role}`,
    [
      { path: 'review', message: 'only admins may change review settings' },
      { path: 'reviewers', message: 'only admins may change reviewers' },
    ],
  );
}
