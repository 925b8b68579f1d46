export { docUpdateWorkflow } from './doc-update.js';
export { redeliverFailedWebhooksWorkflow } from './redeliver-webhooks.js';
export { checkConnectionWorkflow } from './check-connection.js';
export { sourceMergedWorkflow } from './source-merged.js';
