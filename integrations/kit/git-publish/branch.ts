/** The branch a run publishes to, in every git destination. */
export const runBranch = (runId: string) => `docflow/${runId}`;

/** What the run's branch holds after a publish: the commit, and whether this attempt made it. */
export interface PushedBranch {
  branch: string;
  commit: string;
  created: boolean;
}
