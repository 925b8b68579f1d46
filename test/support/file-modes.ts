import fs from 'node:fs';
import path from 'node:path';

/** Every file and folder under `dir` that someone other than its owner may read, write or enter. */
export function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (file: string) => {
    // A running server's journal files come and go.
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) found.push(`${path.relative(dir, file) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(file)) walk(path.join(file, entry));
  };
  walk(dir);
  return found;
}
