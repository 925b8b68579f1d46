import { repoPath, type BitbucketApi } from './api.js';

interface Comment {
  id: number;
  content: { raw: string };
  deleted?: boolean;
}

/** One comment per (pull request, project), found again by a hidden marker and edited in place. */
export async function upsertOutcomeComment(
  api: BitbucketApi,
  fullName: string,
  pullRequestId: number,
  projectId: string,
  text: string,
): Promise<void> {
  const marker = `[//]: # (docflow:${projectId})`;
  const raw = `${marker}\n${text}`;
  const path = `${repoPath(fullName)}/pullrequests/${pullRequestId}/comments`;
  const comments = await api.all<Comment>(path);
  const mine = comments.find((c) => !c.deleted && c.content.raw.startsWith(marker));
  if (!mine) await api.send('POST', path, { content: { raw } });
  else if (mine.content.raw !== raw) await api.send('PUT', `${path}/${mine.id}`, { content: { raw } });
}
