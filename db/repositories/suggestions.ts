import type { Db } from '../database.js';
import type { SuggestionRow } from '../schema.js';
import type { ChangeContext, Edit } from '../../core/change.js';
import type { DraftResult, ImpactedPage, TokenUsage } from '../../drafting/drafter.js';

export interface Suggestion {
  id: string;
  runId: string;
  revision: number;
  drafter: string;
  summary: string;
  edits: Edit[];
  impacted: ImpactedPage[];
  feedback: string[];
  noChangesReason?: string;
  confidence?: number;
  usage?: TokenUsage;
  /** The version of each edited page when it was drafted (`DocsSnapshot.versions`), for destinations that have them. */
  pageVersions?: Record<string, string>;
  /** The destinations it was drafted for, in the project's order, when the project has several; edits name theirs by position. */
  destinations?: DraftedDestination[];
  createdAt: string;
}

/** One destination of a suggestion drafted for several: its entry type and the versions of the pages it edits there. */
export interface DraftedDestination {
  type: string;
  pageVersions?: Record<string, string>;
}

/** The versions of the pages a suggestion edits at one of its destinations (by position). */
export function pageVersionsAt(suggestion: Suggestion, destination: number): Record<string, string> | undefined {
  return suggestion.destinations ? suggestion.destinations[destination]?.pageVersions : suggestion.pageVersions;
}

/** The edits of a suggestion meant for one of its destinations (by position). */
export const editsFor = (suggestion: Pick<Suggestion, 'edits'>, destination: number): Edit[] =>
  suggestion.edits.filter((edit) => (edit.destination ?? 0) === destination);

function toSuggestion(row: SuggestionRow): Suggestion {
  return {
    id: row.id,
    runId: row.run_id,
    revision: row.revision,
    drafter: row.drafter,
    summary: row.summary,
    edits: row.edits as Edit[],
    impacted: row.impacted as ImpactedPage[],
    feedback: row.feedback as string[],
    noChangesReason: row.no_changes_reason ?? undefined,
    confidence: row.confidence ?? undefined,
    usage: (row.usage as TokenUsage | null) ?? undefined,
    ...(row.page_versions ? { pageVersions: row.page_versions as Record<string, string> } : {}),
    ...(row.destinations ? { destinations: row.destinations as DraftedDestination[] } : {}),
    createdAt: row.created_at.toISOString(),
  };
}

/** Stores a draft; the id is chosen by the caller so an activity retry rewrites the same row. */
export async function saveSuggestion(
  db: Db,
  id: string,
  runId: string,
  revision: number,
  feedback: string[],
  draft: DraftResult,
  pageVersions?: Record<string, string>,
  destinations?: DraftedDestination[],
): Promise<void> {
  const values = {
    page_versions: pageVersions && Object.keys(pageVersions).length ? JSON.stringify(pageVersions) : null,
    destinations: destinations ? JSON.stringify(destinations) : null,
    drafter: draft.drafter,
    summary: draft.summary,
    edits: JSON.stringify(draft.edits),
    impacted: JSON.stringify(draft.impacted),
    feedback: JSON.stringify(feedback),
    no_changes_reason: draft.noChangesReason ?? null,
    confidence: draft.confidence ?? null,
    usage: draft.usage ? JSON.stringify(draft.usage) : null,
  };
  await db
    .insertInto('suggestions')
    .values({ id, run_id: runId, revision, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function findSuggestion(db: Db, id: string): Promise<Suggestion | undefined> {
  const row = await db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSuggestion(row);
}

export async function saveChangeContext(db: Db, id: string, runId: string, context: ChangeContext): Promise<void> {
  const body = JSON.stringify(context);
  await db
    .insertInto('change_contexts')
    .values({ id, run_id: runId, body })
    .onConflict((oc) => oc.column('id').doUpdateSet({ body }))
    .execute();
}

export async function findChangeContext(db: Db, id: string): Promise<ChangeContext | undefined> {
  const row = await db.selectFrom('change_contexts').select('body').where('id', '=', id).executeTakeFirst();
  return row?.body as ChangeContext | undefined;
}

/** Token usage of all of a run's drafts, for the run's status. */
export async function runUsage(db: Db, runId: string): Promise<TokenUsage | undefined> {
  const rows = await db
    .selectFrom('suggestions')
    .select('usage')
    .where('run_id', '=', runId)
    .where('usage', 'is not', null)
    .execute();
  if (!rows.length) return undefined;
  return rows
    .map((r) => r.usage as TokenUsage)
    .reduce(
      (sum, u) => ({
        inputTokens: sum.inputTokens + u.inputTokens,
        outputTokens: sum.outputTokens + u.outputTokens,
        calls: sum.calls + u.calls,
      }),
      { inputTokens: 0, outputTokens: 0, calls: 0 },
    );
}
