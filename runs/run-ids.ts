import { stableId } from '../core/ids.js';

/** The run of one (project, change): events for the same pull request always reach the same workflow. */
export const runIdFor = (projectId: string, workflowKey: string) => stableId('run', projectId, workflowKey);
