import type { Db } from '../database.js';

/** Remembers what a reviewer asked for, so later drafts of the project apply it too. */
export async function rememberFeedback(db: Db, projectId: string, runId: string, feedback: string): Promise<void> {
  await db.insertInto('project_feedback').values({ project_id: projectId, run_id: runId, feedback }).execute();
}

/** The project's most recent distinct feedback, newest first. */
export async function recentFeedback(db: Db, projectId: string, limit = 10): Promise<string[]> {
  const rows = await db
    .selectFrom('project_feedback')
    .select('feedback')
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit * 3)
    .execute();
  return [...new Set(rows.map((r) => r.feedback))].slice(0, limit);
}
