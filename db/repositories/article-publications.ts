import type { Db } from '../database.js';

/**
 * One page a run saves to a help center: the body its edits were made against and where it went.
 * Recorded before each write (without `targetId` for a first create) and again after it.
 */
export interface PublishedArticlePage {
  articleId?: string;
  baseHtml?: string;
  baseUpdatedAt?: string;
  /** Where the page was saved; absent until its first save is recorded. */
  targetId?: string;
  writtenUpdatedAt?: string;
  /** What finds an article the provider was about to create (`ArticleDestination.findCreated`) while the save is unrecorded. */
  pending?: string;
  /** What undoing the page's save did (`DestinationAdapter.unpublish`), recorded once done so a repeat skips it. */
  undone?: string;
}

export interface ArticlePublication {
  suggestionId: string;
  pages: Record<string, PublishedArticlePage>;
  result?: { location: string; url?: string; note?: string };
}

export async function findArticlePublication(db: Db, runId: string): Promise<ArticlePublication | undefined> {
  const row = await db.selectFrom('article_publications').selectAll().where('run_id', '=', runId).executeTakeFirst();
  if (!row) return undefined;
  return {
    suggestionId: row.suggestion_id,
    pages: row.pages as ArticlePublication['pages'],
    ...(row.result ? { result: row.result as ArticlePublication['result'] } : {}),
  };
}

export async function saveArticlePublication(db: Db, runId: string, publication: ArticlePublication): Promise<void> {
  const values = {
    suggestion_id: publication.suggestionId,
    pages: JSON.stringify(publication.pages),
    result: publication.result ? JSON.stringify(publication.result) : null,
    updated_at: new Date(),
  };
  await db
    .insertInto('article_publications')
    .values({ run_id: runId, ...values })
    .onConflict((c) => c.column('run_id').doUpdateSet(values))
    .execute();
}
