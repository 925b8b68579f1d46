/**
 * Run as a child process by `bundleInChildProcess`: bundles the workflows (with the workflow interceptor
 * modules named after the output file) and writes the code to argv[2].
 */
import fs from 'node:fs';
import { bundleWorkflows } from './bundle.js';

const [output, ...interceptorModules] = process.argv.slice(2);
if (!output) throw new Error('usage: bundle-process OUTPUT_FILE [INTERCEPTOR_MODULE…]');
const { code } = await bundleWorkflows(interceptorModules);
fs.writeFileSync(output, code, { mode: 0o600 });
