import path from 'node:path';
import { exportedLiteral, propertyAt, quote, type JsNode } from '../js-literal.js';
import { nearestSlot, type NavSlot } from '../place-entry.js';
import { cloneWith, insertAfterItem } from './insert-item.js';
import type { NavOutcome, NavRequest } from './nav-request.js';

type JsArray = JsNode & { kind: 'array' };

const str = (node: JsNode | undefined) => (node?.kind === 'string' ? node.value : undefined);
const prop = (node: JsNode, key: string) =>
  node.kind === 'object' ? node.props.find((p) => p.key === key)?.value : undefined;

/** The items of the sidebar (an array, or an object of arrays by path) with the page each `link` names. */
function slots(node: JsNode, pageOf: (link: string) => string | undefined, base: string, found: NavSlot<JsArray>[]) {
  if (node.kind === 'array')
    node.items.forEach((item, index) => {
      const link = str(prop(item, 'link'));
      const page =
        link === undefined || /^[a-z]+:/i.test(link)
          ? undefined
          : pageOf(link.startsWith('/') ? link : `${base}${link}`);
      found.push({ container: node, index, ...(page ? { page } : {}) });
      const items = prop(item, 'items');
      if (items) slots(items, pageOf, str(prop(item, 'base')) ?? base, found);
    });
  else if (node.kind === 'object') for (const p of node.props) slots(p.value, pageOf, base, found);
  return found;
}

/** A new page joins the sidebar group of its closest siblings in `.vitepress/config`, as `{ text, link }` like theirs. */
export function addToVitepressSidebar(request: NavRequest): NavOutcome {
  const { site, files, page } = request;
  const file = site.navFile!;
  const text = files.get(file)!;
  const sidebar = propertyAt(exportedLiteral(text), ['themeConfig', 'sidebar']);
  if (!sidebar)
    return { listed: `${file} has no literal themeConfig.sidebar; nothing to add (check the sidebar by hand)` };
  if (sidebar.kind !== 'array' && sidebar.kind !== 'object')
    return { note: `the sidebar in ${file} is computed, not a plain literal; add the page by hand` };
  const pageOf = (link: string) => {
    const clean = link
      .replace(/[#?].*$/, '')
      .replace(/^\//, '')
      .replace(/\.(md|html)$/, '');
    const stem = clean === '' || clean.endsWith('/') ? `${clean}index` : clean;
    const file = `${site.root}${stem}.md`;
    return files.has(file) || file === page ? file : undefined;
  };
  const found = slots(sidebar, pageOf, '/', []);
  if (found.some((s) => s.page === page)) return { listed: `${file} lists it already` };
  const slot = nearestSlot(found, page);
  if (!slot) return { note: `no sidebar group in ${file} lists a page near ${page}; add it by hand` };
  const sibling = slot.container.items[slot.index]!;
  const siblingLink = str(prop(sibling, 'link')) ?? '';
  const stem = page
    .slice(site.root.length)
    .replace(/\.md$/, '')
    .replace(/(^|\/)index$/, '$1');
  const siblingBase = siblingLink.startsWith('/') ? '/' : undefined;
  const relative = siblingBase ? `/${stem}` : path.posix.basename(stem);
  const link = /\.md$/.test(siblingLink)
    ? `${relative}.md`
    : /\.html$/.test(siblingLink)
      ? `${relative}.html`
      : relative;
  const simple = sibling.kind === 'object' && sibling.props.every((p) => p.key === 'text' || p.key === 'link');
  const q =
    str(prop(sibling, 'text')) !== undefined ? ((prop(sibling, 'text') as { quote: string }).quote ?? "'") : "'";
  const element = simple
    ? cloneWith(text, sibling as JsNode & { kind: 'object' }, { text: request.title, link })
    : `{ text: ${quote(request.title, q)}, link: ${quote(link, q)} }`;
  const next = insertAfterItem(text, slot.container, slot.index, element);
  const again = propertyAt(exportedLiteral(next), ['themeConfig', 'sidebar']);
  if (!again || slots(again, pageOf, '/', []).filter((s) => s.page === page).length !== 1)
    return { note: `docflow could not add the page to the sidebar in ${file} safely; add it by hand` };
  return { file, text: next, where: `the sidebar in ${file}` };
}
