import path from 'node:path';
import { AppError } from '../../../core/errors.js';
import type { ChangedFile } from '../../../core/change.js';
import type { Project } from '../../../core/project.js';
import type { SourceAdapter } from '../../../integrations/contract.js';
import { folderSourceSchema, type FolderContext, type FolderSource } from './schemas.js';
import { isFolder, readSnapshot, snapshotHash } from './snapshot.js';
import { snapshotDiff } from './snapshot-diff.js';

const reading = (project: Project, root: string) =>
  project.context.some((c) => c.type === 'folder' && (c as FolderContext).root === root);

/** Both snapshots as they are now, with the hash that pins them; refuses what the project does not read or what is missing. */
async function snapshots(source: FolderSource, project: Project) {
  if (!reading(project, source.root)) {
    throw new AppError('invalid_source', `folder ${source.root} is not a folder context of this project`, [
      { path: 'source.root', message: 'add it to the project\'s "context" list first' },
    ]);
  }
  for (const field of ['before', 'after'] as const) {
    if (!(await isFolder(path.join(source.root, source[field])))) {
      throw new AppError('invalid_source', `snapshot "${source[field]}" is not a folder in ${source.root}`, [
        { path: `source.${field}`, message: 'unknown snapshot' },
      ]);
    }
  }
  const before = await readSnapshot(path.join(source.root, source.before));
  const after = await readSnapshot(path.join(source.root, source.after));
  const pin = snapshotHash(before, after);
  if (source.pin && source.pin !== pin) {
    throw new AppError(
      'invalid_source',
      `the snapshots ${source.before} and ${source.after} changed since the run was asked for`,
      [{ path: 'source.pin', message: 'snapshot changed' }],
    );
  }
  return { before, after, pin };
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const [file, text] of after) {
    if (!before.has(file)) files.push({ path: file, status: 'added', content: text });
    else if (before.get(file) !== text) files.push({ path: file, status: 'modified', content: text });
  }
  for (const file of before.keys()) if (!after.has(file)) files.push({ path: file, status: 'deleted' });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** A change is the difference between two snapshot folders of one root; the content hash pins them. */
export const folderSource: SourceAdapter<FolderSource> = {
  sourceSchema: folderSourceSchema,

  describeSource: (source) => `${source.root} ${source.before}..${source.after}`,

  async validateContext(context) {
    const { root } = context as FolderContext;
    if (!(await isFolder(root)))
      throw new AppError('invalid_request', `${root} is not a folder`, [{ path: 'root', message: 'not a folder' }]);
  },

  async validateSource(source, project) {
    const { pin } = await snapshots(source, project);
    return { ...source, pin };
  },

  async gatherContext(source, project) {
    const { before, after, pin } = await snapshots(source, project);
    return {
      change: {
        sourceLabel: `${source.root} ${source.before}..${source.after}`,
        commits: [
          {
            sha: pin.slice('sha256:'.length, 'sha256:'.length + 40),
            message: `snapshot ${source.before} → ${source.after}`,
          },
        ],
        diff: await snapshotDiff(source.root, source.before, source.after),
        files: changedFiles(before, after),
      },
    };
  },
};
