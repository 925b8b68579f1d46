import { diffFilePath, parseUnifiedDiff, type DiffFile } from '../diff/parse-unified-diff.js';
import { splitCodeLine } from '../offline/code-line.js';
import { identifierParts, namesIn } from './words.js';
import { readMessage, type MessageInfo } from './read-message.js';

/** What a change offers for matching, read once. */
export interface ChangeInfo {
  files: DiffFile[];
  /** Changed code paths, old and new. */
  paths: string[];
  /** Text of added and removed lines. */
  added: string[];
  removed: string[];
  /**
   * Code names (identifiers, property names, camelCase names in strings): only on removed lines, only on added
   * lines, on both, and only on the unchanged lines of the hunks.
   */
  removedNames: Set<string>;
  addedNames: Set<string>;
  changedNames: Set<string>;
  contextNames: Set<string>;
  /** Names of the functions or blocks the hunks are in (`@@ … @@ function loadConfig(`). */
  sectionNames: Set<string>;
  /** Prose the change removes or adds: string literals and comments of several words. */
  removedPhrases: string[];
  addedPhrases: string[];
  message: MessageInfo;
}

function phrases(line: string): string[] {
  const { strings, comment } = splitCodeLine(line);
  const texts = [...strings.map((s) => s.value), comment ?? ''];
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.split(' ').length >= 3 && /[a-z]{3}/i.test(t));
}

const minus = (a: Set<string>, ...others: Set<string>[]): Set<string> =>
  new Set([...a].filter((n) => !others.some((o) => o.has(n))));

/** Reads a unified diff and the message that comes with it. */
export function readChange(diff: string, message = ''): ChangeInfo {
  const files = parseUnifiedDiff(diff).filter((f) => !f.binary);
  const lines = { add: [] as string[], remove: [] as string[], context: [] as string[] };
  const seen = { add: new Set<string>(), remove: new Set<string>(), context: new Set<string>() };
  const sectionNames = new Set<string>();
  for (const hunk of files.flatMap((f) => f.hunks)) {
    const section = /([A-Za-z_$][\w$]*)\s*[(=<:]/.exec(hunk.section)?.[1];
    if (section && identifierParts(section).length > 1) sectionNames.add(section);
    for (const line of hunk.lines) {
      const { bare, strings } = splitCodeLine(line.text);
      lines[line.kind].push(line.text);
      const quoted = strings.flatMap((s) => namesIn(s.value)).filter((n) => identifierParts(n).length > 1);
      for (const name of [...namesIn(bare), ...quoted]) seen[line.kind].add(name);
    }
  }
  const removedNames = minus(seen.remove, seen.add, seen.context);
  const addedNames = minus(seen.add, seen.remove, seen.context);
  return {
    files,
    paths: [...new Set(files.flatMap((f) => [diffFilePath(f), f.oldPath ?? '']).filter(Boolean))],
    added: lines.add,
    removed: lines.remove,
    removedNames,
    addedNames,
    changedNames: minus(new Set([...seen.add, ...seen.remove]), removedNames, addedNames),
    contextNames: minus(seen.context, seen.add, seen.remove),
    sectionNames,
    removedPhrases: lines.remove.flatMap(phrases),
    addedPhrases: lines.add.flatMap(phrases),
    message: readMessage(message),
  };
}
