import { applyEdits, countOccurrences, EditConflictError } from '../apply-edits.js';
import type { Edit } from '../../core/change.js';
import { slugOf } from './anchors.js';
import { brokenLinks, linkKey, type BrokenLink } from './broken-links.js';
import { frontmatterDamage } from './frontmatter.js';
import { resolvePage } from './links.js';
import type { DocsTree } from './docs-tree.js';

export interface EditProblem {
  /** Index of the edit in the list checked. */
  index: number;
  message: string;
}

/**
 * What a suggestion's edits would break on the docs site: a page's frontmatter removed or made invalid,
 * a relative link (added, or pointing at a heading an edit removed) to a page or anchor that does not
 * exist. Links broken before the edits are not counted.
 */
export function checkEdits(tree: DocsTree, edits: Edit[]): EditProblem[] {
  const problems: EditProblem[] = [];
  const texts = new Map(tree.files);
  edits.forEach((edit, index) => {
    const current = texts.get(edit.path);
    let next: string;
    try {
      next = applyEdits(current === undefined ? {} : { [edit.path]: current }, [edit])[edit.path]!;
    } catch (error) {
      if (!(error instanceof EditConflictError)) throw error;
      problems.push({ index, message: `does not apply (${error.message})` });
      return;
    }
    if (current !== undefined) {
      const damage = frontmatterDamage(current, next);
      if (damage) problems.push({ index, message: damage });
    }
    texts.set(edit.path, next);
  });
  if (problems.length) return problems;

  const known = new Set(brokenLinks(tree.files, tree.docsDir).map(linkKey));
  for (const link of brokenLinks(texts, tree.docsDir)) {
    if (known.has(linkKey(link))) continue;
    const problem = blame(link, edits, texts);
    if (problem) problems.push(problem);
  }
  return problems.sort((a, b) => a.index - b.index);
}

function describe(link: BrokenLink): string {
  return link.problem === 'no page'
    ? `no page ${link.file} exists in the docs`
    : `${link.file === link.page ? 'the page' : link.file} has no heading with the anchor #${link.anchor}`;
}

/** The edit that broke a link: the one adding it, or the one removing the heading it points at. */
function blame(link: BrokenLink, edits: Edit[], texts: Map<string, string>): EditProblem | undefined {
  const adding =
    edits
      .map((e, i) => ({ e, i }))
      .filter(
        ({ e }) =>
          e.path === link.page && countOccurrences(e.after, link.target) > countOccurrences(e.before, link.target),
      )
      .map(({ i }) => i)
      .at(-1) ?? -1;
  if (adding >= 0)
    return {
      index: adding,
      message: `adds the link "${link.target}" but ${describe(link)}; link to an existing page and heading (anchors are heading slugs: lower case, punctuation dropped, spaces as hyphens)`,
    };
  const target = resolvePage(link.file, texts) ?? link.file;
  const onTarget = edits.map((e, i) => ({ e, i })).filter(({ e }) => e.path === target);
  const removing =
    onTarget.find(({ e }) =>
      e.before.split('\n').some((line) => /^#{1,6}\s/.test(line) && slugOf(line.replace(/^#+\s*/, '')) === link.anchor),
    ) ?? onTarget.at(-1);
  if (!removing) return undefined;
  return {
    index: removing.i,
    message: `${link.page} links to "${link.target}", which this edit breaks (${describe(link)}); keep the heading or page it points at`,
  };
}
