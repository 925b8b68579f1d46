export { docUpdateWorkflow } from './doc-update.js';
export { maintenanceWorkflow } from './maintenance.js';
export { sourceMergedWorkflow } from './source-merged.js';
export { projectTaskWorkflow } from './project-task.js';
export { batchWorkflow } from './batch.js';
export { scheduledRunWorkflow } from './scheduled-run.js';
