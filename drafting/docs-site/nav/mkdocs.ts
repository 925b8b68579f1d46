import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type YAMLSeq } from 'yaml';
import { nearestSlot, type NavSlot } from '../place-entry.js';
import type { NavOutcome, NavRequest } from './nav-request.js';

const yamlString = (value: string) => stringify(value).trimEnd();

/** The pages a nav lists, with their place (sequence and index), at any depth. */
function slots(seq: YAMLSeq, root: string, found: NavSlot<YAMLSeq>[] = []): NavSlot<YAMLSeq>[] {
  seq.items.forEach((item, index) => {
    let value: unknown = item;
    if (isMap(item) && item.items.length === 1) value = item.items[0]!.value;
    if (isSeq(value)) return slots(value, root, found);
    const target = isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
    const page = target && !/^[a-z][\w+.-]*:/i.test(target) ? `${root}${target.replace(/^\.\//, '')}` : undefined;
    found.push({ container: seq, index, ...(page ? { page } : {}) });
  });
  return found;
}

/** A new page goes into `nav` of mkdocs.yml, next to its siblings, written as they are (`- Title: path` or `- path`). */
export function addToMkdocsNav(request: NavRequest): NavOutcome {
  const file = request.site.navFile!;
  const text = request.files.get(file)!;
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length) return { note: `${file} is not valid YAML (${doc.errors[0]!.message}); add the page by hand` };
  const nav = doc.get('nav', true);
  if (nav === undefined) return { listed: `${file} has no nav: MkDocs lists every page itself` };
  if (!isSeq(nav)) return { note: `nav in ${file} is not a list; add the page by hand` };
  const found = slots(nav, request.site.root);
  if (found.some((s) => s.page === request.page)) return { listed: `${file} lists it already` };
  const slot = nearestSlot(found, request.page);
  const target = request.page.slice(request.site.root.length);
  const sibling = (slot?.container.items[slot.index] ?? nav.items.at(-1)) as Node | undefined;
  const titled = !sibling || isMap(sibling);
  const entry = titled ? `${yamlString(request.title)}: ${yamlString(target)}` : yamlString(target);
  let next: string;
  if (!sibling?.range) {
    next = text.replace(/^nav:.*$/m, `nav:\n  - ${entry}`);
  } else if ((slot?.container ?? nav).flow) {
    next = `${text.slice(0, sibling.range[1])}, ${titled ? `{${entry}}` : entry}${text.slice(sibling.range[1])}`;
  } else {
    const lineStart = text.lastIndexOf('\n', sibling.range[0] - 1) + 1;
    const dash = /^(\s*-\s+)/.exec(text.slice(lineStart, sibling.range[0]));
    if (!dash) return { note: `the nav of ${file} is written in a form docflow does not edit; add the page by hand` };
    const lastChar = Math.max(sibling.range[0], sibling.range[1] - 1);
    const end = text.indexOf('\n', lastChar);
    const at = end < 0 ? text.length : end + 1;
    const line = `${dash[1]}${entry}\n`;
    next = end < 0 ? `${text}\n${line}` : `${text.slice(0, at)}${line}${text.slice(at)}`;
  }
  const check = parseDocument(next);
  const listed = isSeq(check.get('nav', true)) ? slots(check.get('nav', true) as YAMLSeq, request.site.root) : [];
  if (check.errors.length || listed.filter((s) => s.page === request.page).length !== 1)
    return { note: `docflow could not add ${target} to the nav of ${file} safely; add it by hand` };
  return { file, text: next, where: `the nav of ${file}` };
}
