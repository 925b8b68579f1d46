import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secureDataDir } from '../../bin/secure-data-dir.js';
import { openDatabase } from '../../db/database.js';
import { openToOthers } from '../support/file-modes.js';
import { tempDir } from '../support/git-repos.js';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

const umask = process.umask();
afterEach(() => void process.umask(umask));

describe('secureDataDir', () => {
  it('makes an existing data dir private: folders 0700, files 0600', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o777);
    fs.mkdirSync(path.join(dir, 'pglite', 'base'), { recursive: true, mode: 0o777 });
    fs.writeFileSync(path.join(dir, 'pglite', 'base', '1234'), 'x', { mode: 0o666 });
    fs.chmodSync(path.join(dir, 'pglite', 'base', '1234'), 0o666);
    fs.writeFileSync(path.join(dir, 'temporal.sqlite'), 'x');
    fs.chmodSync(path.join(dir, 'temporal.sqlite'), 0o644);
    secureDataDir(dir);
    expect(openToOthers(dir)).toEqual([]);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'pglite', 'base', '1234'))).toBe(0o600);
    expect(process.umask()).toBe(0o077);
  });

  it('leaves no file of a freshly made embedded database open to other users', async () => {
    const dir = tempDir();
    secureDataDir(dir);
    const db = await openDatabase({ dataDir: dir });
    await db.destroy();
    secureDataDir(dir);
    expect(openToOthers(dir)).toEqual([]);
  });
});
