/** `owner/name` → the `{ owner, repo }` pair octokit's REST methods take. */
export function splitRepo(fullName: string): { owner: string; repo: string } {
  const [owner, repo] = fullName.split('/') as [string, string];
  return { owner, repo };
}
