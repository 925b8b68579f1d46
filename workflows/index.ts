export { docUpdateWorkflow } from './doc-update.js';
