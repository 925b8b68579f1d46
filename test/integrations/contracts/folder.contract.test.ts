import fs from 'node:fs';
import path from 'node:path';
import type { DestinationAdapter, SourceAdapter } from '../../../integrations/contract.js';
import { tempDir } from '../../support/git-repos.js';
import { flagChangeFolders, writeFiles } from '../../support/toy-provider/flag-change-folders.js';
import { folder } from '../../support/toy-provider/index.js';
import type { FolderDestination, FolderSource } from '../../support/toy-provider/schemas.js';
import { readSnapshot } from '../../support/toy-provider/snapshot.js';
import { destinationContract } from './destination-contract.js';
import { projectReading } from './project-reading.js';
import { sourceContract } from './source-contract.js';

const adapters = folder.create({} as never);
const destination = adapters.destination as DestinationAdapter<FolderDestination>;
const source = adapters.source as SourceAdapter<FolderSource>;

destinationContract('folder (toy)', async () => {
  const root = writeFiles(tempDir('docflow-folder-dest-'), { 'docs/a.md': '# A\n\nold line\n', 'docs/b.md': '# B\n' });
  const d: FolderDestination = { type: 'folder', root, docsDir: 'docs' };
  const outbox = (runId: string) => path.join(root, '.docflow-outbox', runId);
  return {
    adapter: destination,
    destination: d,
    invalid: {
      'a missing docs folder': { ...d, docsDir: 'handbook' },
      'a missing root': { ...d, root: path.join(root, 'missing') },
    },
    page: { path: 'docs/a.md', line: 'old line' },
    state: async () => Object.fromEntries(await readSnapshot(root)),
    publishedPage: async (runId, page) =>
      fs.existsSync(path.join(outbox(runId), page))
        ? fs.readFileSync(path.join(outbox(runId), page), 'utf8')
        : undefined,
    // The run's outbox folder, and any staging folder a publish left behind.
    publications: async (runId) =>
      fs.existsSync(path.dirname(outbox(runId)))
        ? fs.readdirSync(path.dirname(outbox(runId))).filter((n) => n === runId || n.startsWith(`${runId}.`)).length
        : 0,
    rewritePage: async () => void writeFiles(root, { 'docs/a.md': '# A\n\nrewritten\n' }),
  };
});

sourceContract('folder (toy)', { symbolic: true, refusesUnknownRevisions: true }, async () => {
  const fixture = flagChangeFolders();
  const s: FolderSource = { type: 'folder', root: fixture.code, before: fixture.before, after: fixture.after };
  return {
    adapter: source,
    project: projectReading([{ type: 'folder', root: fixture.code }]),
    source: s,
    move: async () => void writeFiles(fixture.code, { [`${fixture.after}/src/later.ts`]: 'export const later = 1;\n' }),
    unknown: {
      'a missing after snapshot': { ...s, after: 'v9' },
      'a missing before snapshot': { ...s, before: 'v0' },
    },
  };
});
