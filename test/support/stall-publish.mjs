/**
 * Preloaded into a worker process (`--import`; plain JavaScript, as the worker's workflow thread
 * loads it too, without tsx) to hold it inside publishing: the first `git update-ref` (the branch a
 * publish writes) runs, then never reports back, as if the worker hung or died right after writing.
 * DOCFLOW_TEST_STALL_MARKER is created when that happens.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const marker = process.env.DOCFLOW_TEST_STALL_MARKER;
const execFile = childProcess.execFile;
childProcess.execFile = function (...args) {
  const [file, gitArgs] = args;
  if (marker && file === 'git' && Array.isArray(gitArgs) && gitArgs.includes('update-ref') && !fs.existsSync(marker)) {
    return execFile.call(this, args[0], args[1], args[2], () => fs.writeFileSync(marker, 'stalled'));
  }
  return execFile.apply(this, args);
};
syncBuiltinESMExports();
