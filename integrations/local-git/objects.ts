import { ImmutableCache, textBytes } from '../kit/immutable-cache.js';
import { objectReader, ObjectReaderError } from './object-reader.js';

/** A full commit id: what it names never changes, so what is read through it can be cached. */
export const isCommitId = (revision: string) => /^[0-9a-f]{40}$/.test(revision);

/** File contents and commit messages by commit id, shared by every run of this process. */
const texts = new ImmutableCache<string | undefined>(64 * 1024 * 1024, textBytes);

/** Resolves a revision to a commit id, or undefined when it does not name a commit. */
export async function resolveCommit(repo: string, revision: string): Promise<string | undefined> {
  if (revision.startsWith('-')) return undefined;
  try {
    const object = await objectReader(repo).read(`${revision}^{commit}`);
    return object?.type === 'commit' ? object.id : undefined;
  } catch (error) {
    if (error instanceof ObjectReaderError) return undefined;
    throw error;
  }
}

/** Whether `repo` is (inside) a git repository: its reader's process starts and answers there. */
export async function isGitRepository(repo: string): Promise<boolean> {
  try {
    await objectReader(repo).read('HEAD');
    return true;
  } catch (error) {
    if (error instanceof ObjectReaderError) return false;
    throw error;
  }
}

/** A blob's bytes at `revision:path`; undefined when there is none (or it is a folder). */
export async function readBlob(repo: string, revision: string, file: string): Promise<Buffer | undefined> {
  const object = await objectReader(repo).read(`${revision}:${file}`);
  return object?.type === 'blob' ? object.content : undefined;
}

/** A file's text at `revision`, cached when `revision` is a commit id. */
export function readText(repo: string, revision: string, file: string): Promise<string | undefined> {
  const load = async () => (await readBlob(repo, revision, file))?.toString('utf8');
  return isCommitId(revision) ? texts.get(`${repo}\0${revision}\0${file}`, load) : load();
}

/** A commit's message, as `git log --format=%B` prints it. */
export function commitMessage(repo: string, commit: string): Promise<string> {
  const load = async () => {
    const object = await objectReader(repo).read(`${commit}^{commit}`);
    if (!object) throw new ObjectReaderError(`${repo}: ${commit} does not name a commit`);
    const raw = object.content.toString('utf8');
    const bodyStart = raw.indexOf('\n\n');
    return bodyStart < 0 ? '\n' : `${raw.slice(bodyStart + 2).replace(/\n*$/, '')}\n`;
  };
  return isCommitId(commit) ? (texts.get(`${repo}\0${commit}\0message`, load) as Promise<string>) : load();
}
