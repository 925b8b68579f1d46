import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../core/errors.js';
import type { DestinationAdapter } from '../../../integrations/contract.js';
import { docsPrefix, isEditableText, maxPages } from '../../../integrations/kit/git-publish/docs-folder.js';
import { editedPages } from '../../../integrations/kit/git-publish/edited-pages.js';
import { readManifest, runOutbox, writeOutbox } from './outbox.js';
import type { FolderDestination } from './schemas.js';
import { isFolder, readSnapshot, snapshotHash } from './snapshot.js';

/** A page path relative to root, refused when it would leave root. */
function inside(root: string, page: string): string {
  const full = path.resolve(root, page);
  if (!full.startsWith(path.resolve(root) + path.sep))
    throw new AppError('invalid_request', `${page} is outside ${root}`);
  return full;
}

async function pages(d: FolderDestination): Promise<Map<string, string>> {
  const prefix = docsPrefix(d.docsDir);
  const found = new Map<string, string>();
  for (const [file, text] of await readSnapshot(path.join(d.root, prefix))) {
    if (found.size < maxPages && file.endsWith('.md') && isEditableText(text)) found.set(prefix + file, text);
  }
  return found;
}

async function validateDestination(d: FolderDestination): Promise<void> {
  if (!(await isFolder(d.root)))
    throw new AppError('invalid_destination', `${d.root} is not a folder`, [{ path: 'root', message: 'not a folder' }]);
  if (!(await isFolder(path.join(d.root, docsPrefix(d.docsDir))))) {
    throw new AppError('invalid_destination', `docs folder "${d.docsDir}" does not exist in ${d.root}`, [
      { path: 'docsDir', message: 'missing folder' },
    ]);
  }
}

/**
 * Docs as `.md` files below `root/docsDir`; a publish writes the edited pages, with a manifest naming
 * the suggestion, to `root/.docflow-outbox/<run id>/`. The same suggestion again is the first result;
 * another suggestion of the run replaces it.
 */
export const folderDestination: DestinationAdapter<FolderDestination> = {
  validateDestination,

  async readDocs(d) {
    await validateDestination(d);
    const found = await pages(d);
    return { revision: snapshotHash(found), pages: [...found].map(([page, text]) => ({ path: page, text })) };
  },

  async readFile(d, page) {
    return fs.readFile(inside(d.root, page), 'utf8').catch(() => undefined);
  },

  async publish(d, request) {
    const dir = runOutbox(d.root, request.runId);
    const published = await readManifest(dir);
    if (published?.suggestionId === request.suggestionId) return { location: dir, created: false };

    await validateDestination(d);
    const updated = await editedPages(request.edits, d.docsDir, async (page) => {
      const text = await fs.readFile(inside(d.root, page), 'utf8').catch(() => undefined);
      if (text === undefined) throw new AppError('edit_conflict', `${page} does not exist in ${d.root} any more`);
      return text;
    });
    await writeOutbox(dir, updated, {
      runId: request.runId,
      suggestionId: request.suggestionId,
      title: request.title,
      pages: Object.keys(updated).sort(),
    });
    return { location: dir, created: true };
  },
};
