import { exportedLiteral, type JsNode } from '../js-literal.js';
import { nearestSlot, type NavSlot } from '../place-entry.js';
import { insertAfterItem } from './insert-item.js';
import { withoutExtension, type NavOutcome, type NavRequest } from './nav-request.js';

type JsArray = JsNode & { kind: 'array' };

/** Every `pages` list of the navigation (groups, tabs, anchors, nested groups), with the page each entry names. */
function slots(node: JsNode, pageOf: (ref: string) => string | undefined, inPages: boolean, found: NavSlot<JsArray>[]) {
  if (node.kind === 'array')
    node.items.forEach((item, index) => {
      if (inPages) {
        const page = item.kind === 'string' ? pageOf(item.value) : undefined;
        found.push({ container: node, index, ...(page ? { page } : {}) });
      }
      slots(item, pageOf, false, found);
    });
  else if (node.kind === 'object') for (const p of node.props) slots(p.value, pageOf, p.key === 'pages', found);
  return found;
}

/** A new page joins the `pages` list of its closest siblings in docs.json (or mint.json) `navigation`. */
export function addToMintlifyNav(request: NavRequest): NavOutcome {
  const { site, files, page } = request;
  const file = site.navFile!;
  const text = files.get(file)!;
  const root = exportedLiteral(text);
  const navigation = root?.kind === 'object' ? root.props.find((p) => p.key === 'navigation')?.value : undefined;
  if (!navigation || navigation.kind === 'opaque')
    return { note: `${file} has no navigation docflow can read; add the page by hand` };
  const pageOf = (ref: string) =>
    [`${site.root}${ref}.mdx`, `${site.root}${ref}.md`].find((p) => files.has(p) || p === page);
  const found = slots(navigation, pageOf, false, []);
  if (found.some((s) => s.page === page)) return { listed: `${file} lists it already` };
  const slot = nearestSlot(found, page);
  const ref = withoutExtension(page, site.root);
  if (!slot) return { note: `no group in ${file} lists a page near ${page}; add "${ref}" by hand` };
  const next = insertAfterItem(text, slot.container, slot.index, JSON.stringify(ref));
  try {
    JSON.parse(next);
  } catch {
    return { note: `docflow could not add "${ref}" to ${file} safely; add it by hand` };
  }
  const again = exportedLiteral(next);
  const nav = again?.kind === 'object' ? again.props.find((p) => p.key === 'navigation')?.value : undefined;
  if (!nav || slots(nav, pageOf, false, []).filter((s) => s.page === page).length !== 1)
    return { note: `docflow could not add "${ref}" to ${file} safely; add it by hand` };
  return { file, text: next, where: `the navigation in ${file}` };
}
