export { docUpdateWorkflow } from './doc-update.js';
export { maintenanceWorkflow } from './maintenance.js';
export { sourceMergedWorkflow } from './source-merged.js';
export { projectTaskWorkflow } from './project-task.js';
export { docsPRsWorkflow } from './docs-prs.js';
export { backfillWorkflow } from './backfill.js';
export { purgeDeliveriesWorkflow } from './purge-deliveries.js';
