/** The branch a run publishes to, in every git destination. */
export const runBranch = (runId: string) => `docflow/${runId}`;
