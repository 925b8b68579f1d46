import path from 'node:path';
import picomatch from 'picomatch';
import { nearestSlot, type NavSlot } from '../place-entry.js';
import type { NavOutcome, NavRequest } from './nav-request.js';

interface TocEntry {
  line: number;
  indent: string;
  titled: boolean;
  page?: string;
}

interface Toctree {
  file: string;
  entries: TocEntry[];
  globs: string[];
  /** The line after the options, where a first entry would go. */
  end: number;
}

const RST = /^(\s*)\.\.\s+toctree::/;
const MYST = /^(\s*)(`{3,}|:{3,})\s*\{toctree\}/;

export const hasToctree = (text: string) => text.split('\n').some((line) => RST.test(line) || MYST.test(line));

function toctrees(file: string, text: string, pages: Set<string>): Toctree[] {
  const lines = text.split('\n');
  const found: Toctree[] = [];
  const dir = path.posix.dirname(file);
  const resolve = (target: string) => {
    const joined = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(dir, target));
    return [joined, `${joined}.rst`, `${joined}.md`, `${joined}.txt`].find((p) => pages.has(p));
  };
  lines.forEach((line, i) => {
    const rst = RST.exec(line);
    const myst = MYST.exec(line);
    if (!rst && !myst) return;
    const tree: Toctree = { file, entries: [], globs: [], end: i + 1 };
    let glob = false;
    for (let j = i + 1; j < lines.length; j++) {
      const current = lines[j]!;
      if (myst && current.trim() === myst[2]) break;
      if (rst && current.trim() && (/^\s*/.exec(current)?.[0].length ?? 0) <= rst[1]!.length) break;
      const entry = current.trim();
      if (!entry) continue;
      if (entry.startsWith(':')) {
        if (entry.startsWith(':glob:')) glob = true;
        tree.end = j + 1;
        continue;
      }
      const titled = /^(.*?)\s*<([^>]+)>$/.exec(entry);
      const target = titled ? titled[2]! : entry;
      if (glob && /[*?[]/.test(target))
        tree.globs.push(target.startsWith('/') ? target.slice(1) : path.posix.join(dir, target));
      const page = resolve(target);
      tree.entries.push({ line: j, indent: /^\s*/.exec(current)![0], titled: !!titled, ...(page ? { page } : {}) });
    }
    found.push(tree);
  });
  return found;
}

/** A new page joins the toctree that lists its closest siblings, on a line after theirs. */
export function addToToctree(request: NavRequest): NavOutcome {
  const pages = new Set([...request.files.keys()].filter((f) => /\.(rst|md|txt)$/.test(f)));
  const trees = [...pages].flatMap((file) => toctrees(file, request.files.get(file)!, pages));
  const stem = request.page.replace(/\.[^./]+$/, '');
  const listing = trees.find(
    (t) => t.entries.some((e) => e.page === request.page) || t.globs.some((g) => picomatch(g)(stem)),
  );
  if (listing) return { listed: `${listing.file} lists it in a toctree` };
  const slots: NavSlot<Toctree>[] = trees.flatMap((tree) =>
    tree.entries.map((e, index) => ({ container: tree, index, ...(e.page ? { page: e.page } : {}) })),
  );
  const slot = nearestSlot(slots, request.page);
  if (!slot)
    return { note: `no toctree lists a page near ${request.page}; add it to a toctree by hand so Sphinx shows it` };
  const entry = slot.container.entries[slot.index]!;
  const target = path.posix.relative(path.posix.dirname(slot.container.file), stem);
  const lines = request.files.get(slot.container.file)!.split('\n');
  lines.splice(entry.line + 1, 0, `${entry.indent}${entry.titled ? `${request.title} <${target}>` : target}`);
  return { file: slot.container.file, text: lines.join('\n'), where: `the toctree of ${slot.container.file}` };
}
