import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Per-user cache outside the clone, so every fresh clone on the same machine reuses one binary. */
export function cliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'docflow', 'bin');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Finds the `temporal` CLI: an explicit path, then PATH, then the docflow cache. */
export function findTemporalCli(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
  }
  const candidates = [
    ...(env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'temporal')),
    path.join(cliCacheDir(env), 'temporal'),
  ];
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new Error(
    `the Temporal CLI was not found on PATH or in ${cliCacheDir(env)}; run "npm run setup" to install it ` +
      '(needs Go: go install github.com/temporalio/cli/cmd/temporal@v1.5.1), or set TEMPORAL_ADDRESS to use an existing cluster',
  );
}
