import type { Octokit } from 'octokit';
import { splitRepo } from './repo-name.js';

/** One comment per (pull request, project), found again by a hidden marker and edited in place. */
export async function upsertOutcomeComment(
  octokit: Octokit,
  fullName: string,
  issueNumber: number,
  projectId: string,
  text: string,
): Promise<void> {
  const { owner, repo } = splitRepo(fullName);
  const marker = `<!-- docflow:${projectId} -->`;
  const body = `${marker}\n${text}`;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const mine = comments.find((c) => c.body?.startsWith(marker));
  if (!mine) await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  else if (mine.body !== body) await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
}
