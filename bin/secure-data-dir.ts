import fs from 'node:fs';
import path from 'node:path';

/**
 * The data dir holds the database, Temporal's state and the development key: only docflow's user
 * may read or write it. Sets the process umask so everything created from now on (also by the dev
 * server, which inherits it) is private, and tightens what an earlier version left open.
 */
export function secureDataDir(dataDir: string): void {
  process.umask(0o077);
  if (!fs.existsSync(dataDir)) return;
  tighten(dataDir);
}

function tighten(file: string): void {
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) fs.chmodSync(file, 0o700);
      for (const entry of fs.readdirSync(file)) tighten(path.join(file, entry));
    } else if ((stat.mode & 0o077) !== 0) {
      fs.chmodSync(file, stat.mode & 0o700);
    }
  } catch (error) {
    // The running dev server's journal files come and go.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
