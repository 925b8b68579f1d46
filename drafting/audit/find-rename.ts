import { parseUnifiedDiff } from '../diff/parse-unified-diff.js';
import { extractSymbols } from '../offline/extract-symbols.js';
import type { AuditKind } from './audit-kinds.js';
import { flagSpellings } from './check-presence.js';
import { normaliseRoute } from './code-inventory.js';

/** What `git log -S` should look for to find the commit that removed an element from the code. */
export function searchTexts(kind: AuditKind, element: string): string[] {
  if (kind === 'flag') {
    // A one-word name (`routes`) is searched only as a declaration (`'routes'`, `routes:`): as a word it is everywhere.
    const spellings = flagSpellings(element).filter((f) => !f.startsWith('-') && f.length > 2);
    return [element, ...spellings.flatMap((f) => (/[-_A-Z]/.test(f) ? [f] : [`'${f}'`, `"${f}"`, `${f}:`]))];
  }
  if (kind === 'config-key') return [element.split('.').pop() ?? element];
  if (kind === 'route') {
    const fixed = element.split(/[:{<[]/)[0].replace(/\/+$/, '');
    return [fixed.length > 1 ? fixed : element];
  }
  return [element];
}

/** Whether a name the diff's extraction saw is the element the docs wrote (`'dry-run'` for `--dry-run`, a mounted route). */
function sameElement(kind: AuditKind, element: string, previous: string): boolean {
  if (previous === element) return true;
  if (kind === 'flag') return flagSpellings(element).includes(previous.replace(/^--/, ''));
  if (kind === 'route') return normaliseRoute(element).endsWith(normaliseRoute(previous)) && previous.length > 1;
  if (kind === 'config-key') return (element.split('.').pop() ?? element) === previous;
  return false;
}

/**
 * The rename a commit's code diff made of the element, if it made one: the drafting engine's extraction pairs a
 * removed line with an added line alike but for the name (`'--verbose', 'Log more'` → `'--loud', 'Log more'`).
 * Returns the docs' text with the new name, e.g. `--loud` or `/api/v2/items` for a mounted `/v2/items`.
 */
export function findRename(kind: AuditKind, element: string, diff: string): string | null {
  const { changed } = extractSymbols(parseUnifiedDiff(diff));
  for (const symbol of changed) {
    if (symbol.change !== 'renamed' || !symbol.previousName) continue;
    if (!sameElement(kind, element, symbol.previousName)) continue;
    if (symbol.previousName === element) return symbol.name;
    if (kind === 'route' && element.endsWith(symbol.previousName))
      return element.slice(0, element.length - symbol.previousName.length) + symbol.name;
    if (kind === 'config-key') return element.replace(/[^.]+$/, symbol.name);
    return symbol.name;
  }
  return null;
}
