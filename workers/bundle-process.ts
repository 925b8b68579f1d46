/** Run as a child process by `bundleInChildProcess`: bundles the workflows and writes the code to argv[2]. */
import fs from 'node:fs';
import { bundleWorkflows } from './bundle.js';

const output = process.argv[2];
if (!output) throw new Error('usage: bundle-process OUTPUT_FILE');
const { code } = await bundleWorkflows();
fs.writeFileSync(output, code, { mode: 0o600 });
