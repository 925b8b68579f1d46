import type { JsNode } from '../js-literal.js';

/** `text` with `element` inserted after item `index` of a literal array, on its own line when the items are. */
export function insertAfterItem(text: string, array: JsNode & { kind: 'array' }, index: number, element: string) {
  const item = array.items[index]!;
  const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
  const ownLine = text.slice(array.start, item.start).includes('\n') && /^\s*$/.test(text.slice(lineStart, item.start));
  const insert = ownLine ? `,\n${text.slice(lineStart, item.start)}${element}` : `, ${element}`;
  return `${text.slice(0, item.end)}${insert}${text.slice(item.end)}`;
}

/** A copy of an object literal's source with some of its string values replaced (same quotes, same layout). */
export function cloneWith(text: string, node: JsNode & { kind: 'object' }, values: Record<string, string>): string {
  let source = text.slice(node.start, node.end);
  const replaced = node.props
    .filter((p) => p.key !== undefined && p.key in values && p.value.kind === 'string')
    .sort((a, b) => b.value.start - a.value.start);
  for (const prop of replaced) {
    const value = prop.value as JsNode & { kind: 'string' };
    const q = value.quote === '`' ? "'" : value.quote;
    const literal = `${q}${values[prop.key!]!.replace(/\\/g, '\\\\').replaceAll(q, `\\${q}`)}${q}`;
    source = source.slice(0, value.start - node.start) + literal + source.slice(value.end - node.start);
  }
  return source;
}
