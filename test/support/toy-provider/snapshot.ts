import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Every file below `dir` (relative, `/`-separated, sorted) with its text; folders starting with `.` are left out. */
export async function readSnapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (relative: string) => {
    const entries = await fs.readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(child);
      else if (entry.isFile()) files.set(child, await fs.readFile(path.join(dir, child), 'utf8'));
    }
  };
  await walk('');
  return files;
}

/** Whether `dir` is an existing folder. */
export async function isFolder(dir: string): Promise<boolean> {
  return (await fs.stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}

/** `sha256:<hex>` of snapshots' paths and contents, in order: equal exactly when every file is. */
export function snapshotHash(...snapshots: Map<string, string>[]): string {
  const hash = createHash('sha256');
  for (const [i, snapshot] of snapshots.entries()) {
    hash.update(`snapshot ${i}\0`);
    for (const [file, text] of snapshot) hash.update(`${file}\0${Buffer.byteLength(text)}\0${text}\0`);
  }
  return `sha256:${hash.digest('hex')}`;
}
