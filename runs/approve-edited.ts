import type { ApiKeyIdentity } from '../db/repositories/api-keys.js';
import { findProject } from '../db/repositories/projects.js';
import { findRun } from '../db/repositories/runs.js';
import { findSuggestion, saveSuggestion } from '../db/repositories/suggestions.js';
import { applyEdits, EditConflictError } from '../drafting/apply-edits.js';
import { checkEdits } from '../drafting/docs-site/check-edits.js';
import { docsTree } from '../drafting/docs-site/docs-tree.js';
import type { Edit } from '../core/change.js';
import type { TypedConfig } from '../core/typed-config.js';
import { AppError, type ErrorDetail } from '../core/errors.js';
import { mayReview, reviewRun } from './review-run.js';
import type { RunsDeps } from './runs-deps.js';

export interface EditedText {
  /** Index of the edit in the suggestion being reviewed. */
  index: number;
  /** The reviewer's replacement for that edit's proposed `after`. */
  after: string;
}

/**
 * Approves a run with some of its edits' proposed text changed by the reviewer: the edited edits are
 * validated like a draft (each must still apply exactly once to the current docs, and change something),
 * stored as a new suggestion revision drafted by that reviewer, and the run publishes that revision.
 * `expectedSuggestionId` guards against approving a draft the reviewer has not seen.
 */
export async function approveEdited(
  deps: RunsDeps,
  actor: ApiKeyIdentity,
  runId: string,
  expectedSuggestionId: string | undefined,
  changes: EditedText[],
) {
  const run = await findRun(deps.db, runId);
  if (!run) throw new AppError('not_found', `run ${runId} does not exist`);
  const project = await findProject(deps.db, run.project_id);
  if (!project) throw new AppError('project_not_found', `project ${run.project_id} no longer exists`);
  if (!mayReview(actor, project))
    throw new AppError('forbidden', `${actor.name} is not a reviewer of project ${project.id}`);
  if (run.status !== 'awaiting_review' || !run.suggestion_id)
    throw new AppError('not_awaiting_review', `run ${runId} is ${run.status}, not awaiting review`);
  if (expectedSuggestionId && expectedSuggestionId !== run.suggestion_id) {
    throw new AppError(
      'conflict',
      `run ${runId} has a newer draft (${run.suggestion_id}) than the one edited (${expectedSuggestionId}); review it again`,
    );
  }
  const current = await findSuggestion(deps.db, run.suggestion_id);
  if (!current) throw new AppError('not_found', `suggestion ${run.suggestion_id} is missing`);

  const edits: Edit[] = current.edits.map((edit) => ({ ...edit }));
  const details: ErrorDetail[] = [];
  for (const change of changes) {
    const edit = edits[change.index];
    if (!edit) details.push({ path: `edits.${change.index}`, message: `the suggestion has ${edits.length} edit(s)` });
    else edit.after = change.after.replace(/\r\n/g, '\n');
  }
  edits.forEach((edit, i) => {
    if (edit.after === edit.before)
      details.push({
        path: `edits.${i}.after`,
        message: 'the text is the same as before; reject the run instead of publishing no change',
      });
  });
  if (details.length)
    throw new AppError(
      'invalid_request',
      `invalid edit: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );

  if (edits.some((edit) => (edit.destination ?? 0) >= project.destinations.length))
    throw new AppError(
      'conflict',
      `project ${project.id} has fewer destinations than when run ${runId} was drafted; request changes to draft again`,
    );
  // Validated like any draft, each destination's edits against that destination's docs as they are now.
  for (const [position, destination] of project.destinations.entries()) {
    const indices = edits.flatMap((edit, i) => ((edit.destination ?? 0) === position ? [i] : []));
    if (indices.length) await checkAgainstDocs(deps, destination, edits, indices);
  }

  const revision = current.revision + 1;
  const suggestionId = `sug_${runId}_rev${revision}_${actor.id}`;
  // The pages keep the versions the draft read: an article that moved since is still a conflict when publishing.
  await saveSuggestion(
    deps.db,
    suggestionId,
    runId,
    revision,
    current.feedback,
    {
      drafter: `reviewer:${actor.name}`,
      summary: current.summary,
      edits,
      impacted: current.impacted,
      ...(current.confidence !== undefined ? { confidence: current.confidence } : {}),
    },
    current.pageVersions,
    current.destinations,
  );
  try {
    return {
      ...(await reviewRun(deps, actor, runId, { action: 'approve', reviewer: actor.name, suggestionId })),
      suggestionId,
    };
  } catch (error) {
    // The decision was refused (someone else decided first): the revision never became the run's; drop it so
    // the next draft can take its revision number.
    await deps.db.deleteFrom('suggestions').where('id', '=', suggestionId).execute();
    throw error;
  }
}

/**
 * Every edit (at `indices` of `edits`) must still apply exactly once to the destination's docs, and keep the
 * docs site whole: frontmatter intact, no relative link or anchor broken. Errors name the edit by its index.
 */
async function checkAgainstDocs(deps: RunsDeps, destination: TypedConfig, edits: Edit[], indices: number[]) {
  const own = indices.map((i) => edits[i]!);
  const docs = await deps.integrations.destination(destination.type).readDocs(destination);
  const tree = docsTree(
    docs.pages,
    docs.siteFiles,
    typeof destination.docsDir === 'string' ? destination.docsDir : undefined,
  );
  try {
    applyEdits(tree.files, own);
  } catch (error) {
    if (!(error instanceof EditConflictError)) throw error;
    const index = indices[own.findIndex((edit) => edit.path === error.path)];
    throw new AppError('edit_conflict', `the edited suggestion no longer applies: ${error.message}`, [
      { path: `edits.${index}.after`, message: error.message },
    ]);
  }
  const broken = checkEdits(tree, own).map((p) => ({ ...p, index: indices[p.index]! }));
  if (broken.length)
    throw new AppError(
      'invalid_request',
      `invalid edit: ${broken.map((p) => `edits.${p.index}.after ${p.message}`).join('; ')}`,
      broken.map((p) => ({ path: `edits.${p.index}.after`, message: p.message })),
    );
}
