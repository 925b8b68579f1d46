import { createHash } from 'node:crypto';
import type { DocPage } from '../../core/change.js';
import { buildDocIndex, type DocIndex } from './doc-index.js';

const CACHE_SIZE = 8;
/** An index takes about 20 times the memory of its text: beyond this much text, older indexes go. */
const CACHE_CHARS = 16_000_000;
const cache = new Map<string, { index: DocIndex; chars: number }>();

/** A hash of the pages sorted by path, so the same tree gives the same key whatever order it comes in. */
export function contentKey(pages: DocPage[]): string {
  const hash = createHash('sha256');
  for (const p of [...pages].sort((a, b) => a.path.localeCompare(b.path))) hash.update(`${p.path}\0${p.text}\0`);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * The index of a docs tree, built once per docs revision (or, without one, per content hash) and kept in a small
 * LRU cache. A revision is trusted to name one tree: the pages are not hashed then.
 */
export function docIndexFor(pages: DocPage[], revision?: string): DocIndex {
  const key = revision ? `rev:${revision}` : contentKey(pages);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.index;
  }
  const index = buildDocIndex(
    key,
    [...pages].sort((a, b) => a.path.localeCompare(b.path)),
  );
  cache.set(key, { index, chars: pages.reduce((sum, p) => sum + p.text.length, 0) });
  const total = (): number => [...cache.values()].reduce((sum, c) => sum + c.chars, 0);
  while (cache.size > 1 && (cache.size > CACHE_SIZE || total() > CACHE_CHARS))
    cache.delete(cache.keys().next().value as string);
  return index;
}
