import fs from 'node:fs';
import path from 'node:path';
import { flagChangeCli, tempDir } from '../git-repos.js';

/** Writes files (path → text) below `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/**
 * The local-git flag fixture as plain folders: a code root whose `after` snapshot adds `--timeout`
 * next to the documented `--port`, and a docs root listing the flags. The offline drafter adds a
 * `--timeout` entry after the `--port` one.
 */
export function flagChangeFolders() {
  const { cliBefore, cliAfter } = flagChangeCli;
  const code = writeFiles(tempDir('docflow-folder-code-'), {
    'v1/src/cli.ts': cliBefore,
    'v1/README.md': '# app\n',
    'v2/src/cli.ts': cliAfter,
    'v2/README.md': '# app\n',
  });
  const docs = writeFiles(tempDir('docflow-folder-docs-'), {
    'docs/cli.md': [
      '# Command line',
      '',
      'Options:',
      '',
      '- `--port <number>`: Port to listen on. Default: `3000`.',
      '- `--host <name>`: Interface to bind. Default: `localhost`.',
      '',
    ].join('\n'),
    'docs/intro.md': '# Introduction\n\nThis app serves things.\n',
  });
  return { code, docs, before: 'v1', after: 'v2', cliAfter };
}
