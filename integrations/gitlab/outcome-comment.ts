import { projectPath, type GitLabApi } from './api.js';

interface Note {
  id: number;
  body: string;
  system?: boolean;
}

/** One note per (merge request, project), found again by a hidden marker and edited in place. */
export async function upsertOutcomeNote(
  api: GitLabApi,
  fullPath: string,
  mergeRequestIid: number,
  projectId: string,
  text: string,
): Promise<void> {
  const marker = `[//]: # (docflow:${projectId})`;
  const body = `${marker}\n${text}`;
  const path = `${projectPath(fullPath)}/merge_requests/${mergeRequestIid}/notes`;
  const notes = await api.all<Note>(path, { sort: 'asc', order_by: 'created_at' });
  const mine = notes.find((n) => !n.system && n.body.startsWith(marker));
  if (!mine) await api.send('POST', path, { body });
  else if (mine.body !== body) await api.send('PUT', `${path}/${mine.id}`, { body });
}
