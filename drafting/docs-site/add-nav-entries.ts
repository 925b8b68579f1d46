import { applyEdits } from '../apply-edits.js';
import type { Edit } from '../../core/change.js';
import { detectSite } from './detect-site.js';
import type { SiteKind } from './site.js';
import type { DocsTree } from './docs-tree.js';
import { addToSidebars } from './nav/docusaurus.js';
import { addToMintlifyNav } from './nav/mintlify.js';
import { addToMkdocsNav } from './nav/mkdocs.js';
import type { NavOutcome, NavRequest } from './nav/nav-request.js';
import { addToToctree } from './nav/sphinx.js';
import { addToVitepressSidebar } from './nav/vitepress.js';
import { pageTitle } from './page-title.js';
import { textEdit } from './text-edit.js';

const editors: Record<SiteKind, (request: NavRequest) => NavOutcome> = {
  mkdocs: addToMkdocsNav,
  docusaurus: addToSidebars,
  mintlify: addToMintlifyNav,
  vitepress: addToVitepressSidebar,
  sphinx: addToToctree,
};

const PAGE = /\.(md|mdx|rst)$/;

/**
 * Every page the edits create gets its navigation entry in the same suggestion: one more edit of the
 * site's navigation file, next to its siblings. Where docflow cannot write the entry safely, a note says
 * to add it by hand. The edits must apply to the tree.
 */
export function addNavEntries(tree: DocsTree, edits: Edit[]): { edits: Edit[]; notes: string[] } {
  const site = detectSite(tree);
  const created = edits.filter((e) => e.before === '' && e.path.startsWith(site?.root ?? '\0') && PAGE.test(e.path));
  if (!site || !created.length) return { edits, notes: [] };
  const files = new Map(Object.entries(applyEdits(tree.files, edits)));
  const result = [...edits];
  const notes: string[] = [];
  for (const edit of created) {
    const title = pageTitle(edit.path, files.get(edit.path)!);
    const outcome = editors[site.kind]({ site, files, page: edit.path, title });
    if ('note' in outcome) notes.push(`New page ${edit.path}: ${outcome.note}.`);
    else if ('listed' in outcome) {
      if (outcome.pageText === undefined) continue;
      result[result.indexOf(edit)] = { ...edit, after: outcome.pageText };
      files.set(edit.path, outcome.pageText);
      notes.push(`New page ${edit.path}: ${outcome.listed}.`);
    } else {
      const rationale = `Lists the new page ${edit.path} in ${outcome.where}, next to its siblings.`;
      result.push(textEdit(outcome.file, files.get(outcome.file)!, outcome.text, rationale));
      files.set(outcome.file, outcome.text);
    }
  }
  return { edits: result, notes };
}
